"""newsprism: many outlets' reports of one event, split into what each source says.

The public Python API::

    from newsprism import Store, analyze, ingest, report
    with Store("newsprism.db") as store:
        print(ingest(["articles/"], store).summary())
        analyze(store)
        data = report(store)   # every story compared: schema newsprism.report/1
"""

from .api import IngestReport, analyze, ingest, report
from .errors import NewsprismError
from .ingest import read_articles
from .models import Article
from .store import Store

__version__ = "0.1.0"

__all__ = ["Article", "IngestReport", "NewsprismError", "Store", "analyze", "ingest", "read_articles", "report", "__version__"]
