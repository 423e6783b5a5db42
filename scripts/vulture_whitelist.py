# ruff: noqa: B018
"""Names the dead-code checker cannot see used, each with the reason it is kept.

``vulture`` reads this file with the package (see ``[tool.vulture]`` in pyproject.toml and
tests/test_dead_code.py). Every line names a real attribute, so a renamed one fails here first.
"""

from __future__ import annotations

import sqlite3
import zipfile

from vulture.whitelist_utils import Whitelist  # type: ignore[import-untyped]

from spinscope.cli_common import FullHelpGroup
from spinscope.components import Product
from spinscope.config import AnalysisConfig
from spinscope.web.api import AnalyzeRequest

# pydantic reads a model's settings from this class attribute.
AnalysisConfig.model_config
AnalyzeRequest.model_config
# click calls a command group's format_commands when it writes the group's help.
FullHelpGroup.format_commands
# Each product documents itself in code; the pipeline's contract errors name products by name.
Product.description
# sqlite3 and zipfile read these attributes once they are set.
sqlite3.Connection.row_factory
zipfile.ZipInfo.compress_type


# onnxruntime's SessionOptions, transformers' model config and torch's Module.forward are set or
# defined for those libraries to read or call.
_ = Whitelist()
_.intra_op_num_threads
_.inter_op_num_threads
_.log_severity_level
_.num_hidden_layers
_.forward

# spinscope.limits starts its worker process with `python -c "...; worker_main()"`.
_.worker_main

# pymorphy2 calls this class method; spinscope.detectors.russian replaces it for Python 3.11.
_._get_param_names
# httpcore calls these on a network backend; spinscope.ingest.url gives httpx's pool its own.
_.connect_unix_socket
_._network_backend
