"""gunicorn settings of the API (``--config python:openfisca_ass.api.gunicorn_conf``).

Each value can be overridden on the command line (``--bind``, ``--workers``...) or by the environment.

Serving stack: gunicorn with ``gthread`` workers (the version, and why it is the one pip resolves:
``requirements/base.txt``). A sync worker serves one socket at a time, so two idle TCP connections
stopped the whole service for a minute; a gthread worker registers each new connection with its main
loop's poller and hands it to a thread only once data arrives, and puts kept-alive sockets back in
the poller, closing them after ``keepalive`` seconds. Graceful restarts stay gunicorn's: ``kill -HUP
<master>`` reloads, and workers are recycled after ``max_requests`` requests or as soon as their memory
passes ``OPENFISCA_ASS_RSS_MAX_MIO`` (``pre_request`` below).

What gthread does not cover: a client that sends part of its headers and stalls holds one thread
(``threads`` per worker), and silent sockets count against ``worker_connections``. On a public
network, put a buffering proxy in front (README, "Using the web API").
"""
import gc
import multiprocessing
import os

bind = os.environ.get("OPENFISCA_ASS_BIND", "127.0.0.1:5000")

# The computation is CPU-bound: one process per core, at least two so that a long computation never
# stops the whole service.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
# Threads overlap the network (reading bodies, writing answers) with computation; computations
# themselves share the worker's core (GIL). Four per worker bounds the memory of concurrent requests
# to four budgets (see ``api.budget``).
threads = int(os.environ.get("OPENFISCA_ASS_THREADS", 4))
# Connections a worker holds open (idle, kept alive or in progress) before it stops accepting.
worker_connections = int(os.environ.get("OPENFISCA_ASS_CONNEXIONS", 200))

# Building openfisca-france's system and the OpenAPI specification takes seconds and a few hundred
# MiB: once, before forking, and the workers share those pages.
preload_app = True

# A gthread worker heartbeats from its main loop, not from the request threads: this timeout only
# catches a worker whose main loop is stuck. Slow requests are stopped by the application's deadline
# (OPENFISCA_ASS_DELAI, a JSON 503), never by killing the worker.
timeout = int(os.environ.get("OPENFISCA_ASS_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5

# Parameter caches grow with the dates asked for, and freed numpy arrays do not always give their
# pages back: recycle workers now and then (the jitter keeps them from restarting together) and as
# soon as one grows past OPENFISCA_ASS_RSS_MAX_MIO.
max_requests = 2000
max_requests_jitter = 200
RSS_MAX_MIO = int(os.environ.get("OPENFISCA_ASS_RSS_MAX_MIO", 1024))

# Bounded headers (the body is bounded by the application: 413 past 1 MiB).
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("OPENFISCA_ASS_ACCESSLOG", "-")


def rss_mio():
    """Resident memory of this process, in MiB (Linux: /proc; elsewhere, the peak as getrusage gives it)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pre_request(worker, req):
    """Recycle the worker once it holds too much memory.

    Checked when a request arrives, not after one: gunicorn then answers this request with
    ``Connection: close`` (it reads ``worker.alive`` after this hook), finishes the requests in flight and
    exits; the master forks a fresh worker from the preloaded application. Memory left by the previous
    request is what this measures: freed numpy arrays that the allocator kept.
    """
    rss = rss_mio()
    if rss > RSS_MAX_MIO and worker.alive:
        worker.log.info("Worker %s: %.0f MiB > OPENFISCA_ASS_RSS_MAX_MIO=%d, recycled after this request",
                        worker.pid, rss, RSS_MAX_MIO)
        worker.alive = False


def pre_fork(server, worker):
    """In the master, before each fork: the preloaded application out of the garbage collector's reach.

    The system is a few hundred thousand objects that every worker keeps for life. Frozen (``gc.freeze``),
    they are no longer walked by a worker's full collections (about 0.15 s each, taken during requests), and
    no collection writes to their pages, so the workers keep sharing them with the master (copy-on-write).
    The master's garbage is collected first, so that it is not kept.
    """
    gc.collect()
    gc.freeze()
