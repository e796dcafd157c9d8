"""The recording part of a form: "Record your voice" (the recorder, with JavaScript) and
"Upload a recording" are one file field, and a transcript beside it.

A form that takes recordings mixes in ``VoiceFields`` and calls ``voice_settings`` with the
place's rules. The file is checked while the form validates (``services.receive_audio``):
refused, the form comes back with everything else kept and the reason next to the field.
A checked upload waits in ``form.upload`` for the write; one that is not saved is removed
when the request ends.
"""
from __future__ import annotations

from flask import after_this_request, current_app, request
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import Length, ValidationError

from app.forms import strip

from . import checks, services

#: Endpoints whose forms carry files: their requests may be as large as a file allows.
_UPLOAD_ENDPOINTS: set[str] = set()


def takes_uploads(endpoint: str) -> None:
    """Let ``endpoint``'s requests carry a file (up to ``MEDIA_MAX_BYTES``, not the text limit)."""
    _UPLOAD_ENDPOINTS.add(endpoint)


def allow_upload_size() -> None:
    """Before the form is read: a larger body for the upload endpoints (``before_app_request``)."""
    if request.endpoint in _UPLOAD_ENDPOINTS:
        request.max_content_length = (current_app.config["MEDIA_MAX_BYTES"] * current_app.config["RECORDINGS_PER_POST"]
                                      + current_app.config["MAX_CONTENT_LENGTH"])


class VoiceFields:
    """Mixin for a form: ``recording`` (a sound file) and ``transcript``."""

    recording = FileField("Upload a recording",
                          description="A sound file, for example from your phone's recorder app.",
                          render_kw={"accept": "audio/*"})
    transcript = TextAreaField("Transcript: what you said",
                               validators=[Length(max=10000, message="Use 10,000 characters or fewer.")],
                               filters=[strip], render_kw={"rows": 4},
                               description="Type the words you said, so everyone can read them too.")

    #: Set by ``voice_settings``: the longest recording (seconds) and whether a transcript is needed.
    voice_seconds: int = 180
    transcript_required: bool = False
    #: The checked upload, once ``recording`` validated.
    upload: services.Upload | None = None

    def voice_settings(self, seconds: int | None, transcript_required: bool) -> None:
        """The place's rules: the time limit (None or 0: ``VOICE_SECONDS_DEFAULT``) and the transcript."""
        self.voice_seconds = seconds or current_app.config["VOICE_SECONDS_DEFAULT"]
        self.transcript_required = transcript_required
        self.recording.description = (f"A sound file, for example from your phone's recorder app. "
                                      f"At most {services.max_bytes() // (1024 * 1024)} MB.")
        if transcript_required:
            self.transcript.description = "Needed with a recording. Type the words you said."

    def has_recording(self) -> bool:
        """A file was sent (checked or not)."""
        data = self.recording.data
        return bool(data and getattr(data, "filename", ""))

    def validate_recording(self, field) -> None:
        if not self.has_recording():
            return
        if len(request.files.getlist(field.name)) > current_app.config["RECORDINGS_PER_POST"]:
            raise ValidationError("Please add one recording only.")
        try:
            self.upload = services.receive_audio(field.data)
        except checks.Refused as refused:
            raise ValidationError(f"{refused} Your text is still here.") from refused
        upload = self.upload

        @after_this_request
        def forget(response):
            services.discard_upload(upload)  # moved to its place when saved; else removed
            return response

    def validate_transcript(self, field) -> None:
        if self.transcript_required and self.has_recording() and not (field.data or "").strip():
            raise ValidationError("Please type what you said in the recording.")

    def text_or_recording(self, body_field) -> bool:
        """The form has text, a recording or both (else the message goes next to the text)."""
        if (body_field.data or "").strip() or self.has_recording():
            return True
        body_field.errors = list(body_field.errors) + ["Please write something or add a recording."]
        return False
