"""The per-method loops of the GraalPy benchmark suite: one loop per AtomicInt method, against the
``n += 1`` loop, on whichever face of AtomicInt the context has.

``bench.py`` runs them in the launcher (the host face); ``MethodBench.java`` runs this same file in a
host-mode and a sandboxed context of one JVM (the host and the proxy face), side by side.

Each loop is compiled from its own source text, as a user's loops are: loops that shared one code
object would share one compiled loop and its profiles, which the benchmark must not measure.
"""

import time

#: The statement each loop repeats on ``counter``, by the row name of the report. The
#: ``compare_and_set`` loop is the retry loop a user writes around it.
STATEMENTS = {
    "`n += 1`": "counter += 1",
    "`increment_and_get()`": "counter.increment_and_get()",
    "`get_and_add(1)`": "counter.get_and_add(1)",
    "`add_and_get(1)`": "counter.add_and_get(1)",
    "`get_and_increment()`": "counter.get_and_increment()",
    "`decrement_and_get()`": "counter.decrement_and_get()",
    "`get_and_set(i)`": "counter.get_and_set(i)",
    "`get()`": "counter.get()",
    "`value`": "counter.value",
    "`compare_and_set` loop": ("while True:\n"
                               "                current = counter.get()\n"
                               "                if counter.compare_and_set(current, current + 1):\n"
                               "                    break"),
}

#: The name of the ``n += 1`` row, the one every method is compared with.
BASELINE = "`n += 1`"

# The counter is a variable of an enclosing function, as in bench.py's other loops: a purely local
# one could be folded away by the JIT.
_TEMPLATE = """
def loop(n):
    counter = AtomicInt()

    def run():
        nonlocal counter
        for i in range(n):
            {statement}
    run()
    return counter
"""


def loops(atomic_int):
    """``{row name: loop}``, each ``loop(n)`` running its statement ``n`` times on a new
    ``atomic_int()``."""
    made = {}
    for name, statement in STATEMENTS.items():
        namespace = {"AtomicInt": atomic_int}
        exec(compile(_TEMPLATE.format(statement=statement), f"<loop {name}>", "exec"), namespace)
        made[name] = namespace["loop"]
    return made


#: The name MethodBench gives the sandboxed context's :func:`bare_call_loop`, in its report lines.
BARE_CALL = "bare proxy call"

_BARE_CALL_TEMPLATE = """
def loop(n):
    def run():
        for i in range(n):
            held = hold_gil(True)
            try:
                switch_due = function(1)
            finally:
                hold_gil(held)
    run()
"""


def bare_call_loop(function):
    """A loop of ``n`` calls of ``function(1)``, each with the GIL held as atomicint's own Java calls
    are, and nothing else: what one call into Java costs on its own. MethodBench passes a Java
    ``ProxyExecutable`` that adds its argument to a Java ``AtomicLong`` and answers ``False``, as the
    sandboxed face's adder does: the floor under the sandboxed ``n += 1``."""
    import polyglot  # GraalPy's; only MethodBench's contexts run this

    namespace = {"function": function, "hold_gil": polyglot.__set_gil_locked_during_foreign_calls__}
    exec(compile(_BARE_CALL_TEMPLATE, "<loop bare call>", "exec"), namespace)
    return namespace["loop"]


def rate(loop, n):
    """Calls per second of ``loop(n)``."""
    began = time.perf_counter()
    loop(n)
    return n / (time.perf_counter() - began)
