"""Python code shipped in the application's GraalPy virtual file system."""
import threading

from atomicint import AtomicInt


def count(visits: AtomicInt, threads: int, times: int, log) -> str:
    """Adds threads * times to visits from Python threads; appends to the app's Java list (allowed
    by GraalPyResources' HostAccess.ALL); answers whether host class lookup is denied."""
    def work():
        n = visits
        for _ in range(times):
            n += 1
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    log.add("counted")
    import java
    try:
        java.type("java.lang.Runtime")
        return "allowed"
    except (KeyError, NotImplementedError):  # refused by the filter / lookup off altogether
        return "denied"
