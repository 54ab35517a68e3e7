package dev.atomicint.python;

/** Python threads looping {@code n += 1} with the GIL held: the load of the tests of how threads and contexts share it. */
public final class BusyPythonThreads {

    /** Evaluates to {@code start(n, count)}: starts {@code count} such threads on {@code n}; returns the function that stops them. */
    public static final String START = """
            import threading

            def start(n, count):
                stop = threading.Event()
                def loop():
                    nonlocal n
                    while not stop.is_set():
                        for _ in range(10_000):
                            n += 1
                threads = [threading.Thread(target=loop) for _ in range(count)]
                for thread in threads:
                    thread.start()
                def stop_all():
                    stop.set()
                    for thread in threads:
                        thread.join()
                return stop_all

            start
            """;

    private BusyPythonThreads() {}
}
