"""The forms of an HTML page, read as a browser would, to send them filled with test values."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}


@dataclass
class Field:
    name: str
    kind: str  #: "textarea", "select", or an input's type ("text", "hidden", "number", "checkbox"…)
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False

    @property
    def is_text(self) -> bool:
        return self.kind == "textarea" or self.kind in TEXT_TYPES


@dataclass
class Form:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)
    #: The first submit button with a name that is not Preview (what a click sends), if any.
    button: tuple[str, str] | None = None

    def values(self, **replace: str) -> list[tuple[str, str]]:
        """What a browser sends (checked boxes, chosen options), with ``replace`` by field name."""
        sent = []
        for f in self.fields:
            if f.kind in ("checkbox", "radio") and not f.checked and f.name not in replace:
                continue
            value = replace.get(f.name, f.value if f.kind != "select" or f.value else (f.options[0] if f.options else ""))
            sent.append((f.name, value))
        if self.button:
            sent.append(self.button)
        return sent


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("method", "get").lower(), a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "submit":
                self._button(name, a.get("value", ""), a)
            else:
                self._form.fields.append(Field(name, kind, a.get("value", ""), checked="checked" in a))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            self._button(name, a.get("value", ""), a)
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field(name, "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")

    def _button(self, name, value, attrs):
        if self._form.button is None and name != "_preview" and "formnovalidate" not in attrs:
            self._form.button = (name, value)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def forms_of(html: str) -> list[Form]:
    """Every ``<form>`` of ``html`` with its fields."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
