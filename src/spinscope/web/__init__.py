"""The web app and HTTP API (``spinscope serve``): analyse, browse and review articles.

:func:`spinscope.web.app.create_app` builds the FastAPI app around a :class:`spinscope.store.Store`;
:func:`spinscope.web.server.serve` runs it under uvicorn. The views only parse input and call the
library (ingest, pipeline, store); every HTML page has a JSON twin built from the same data.
"""
