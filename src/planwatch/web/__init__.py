"""The web app (``planwatch serve``): pages for the DRC and departments, and the REST API."""

from planwatch.web.app import create_app

__all__ = ["create_app"]
