"""E-mail: an outbox written with the change that causes it, sent by the worker.

``messages.send(...)`` renders an e-mail (a plain-text and an HTML part) into an
``outbox`` row in the request's transaction; after the commit the worker (huey,
``app.worker``) sends due rows with retries (``outbox.send_due``). In development
``/dev/outbox`` lists them (``routes``).
"""
from flask import Blueprint

bp = Blueprint("mail", __name__, url_prefix="/dev")
