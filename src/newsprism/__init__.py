"""newsprism: many outlets' reports of one event, split into what each source says.

The public Python API::

    from newsprism import Store, ingest
    with Store("newsprism.db") as store:
        report = ingest(["articles/"], store)
        print(report.summary())
"""

from .api import IngestReport, ingest
from .errors import NewsprismError
from .ingest import read_articles
from .models import Article
from .store import Store

__version__ = "0.1.0"

__all__ = ["Article", "IngestReport", "NewsprismError", "Store", "ingest", "read_articles", "__version__"]
