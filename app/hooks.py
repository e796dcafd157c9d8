"""Signals that let features react to each other without import cycles."""
from blinker import Namespace

_signals = Namespace()

#: Sent with the new Classroom after it is flushed (forums and wiki add their defaults).
class_created = _signals.signal("class-created")

#: Sent with the new prompts Topic (and ``prompt=``) after it is flushed (reflections add its assignment).
topic_added = _signals.signal("topic-added")

#: Sent with a changed forum Post or Reflection after its new ``source`` and ``html`` are set
#: (corrections find their words again).
text_changed = _signals.signal("text-changed")
