"""AtomicInts stored in an engine (Redis, ZooKeeper): what atomicint.connect adds to the int protocol.

The int protocol itself is the same suite as for in-process AtomicInts (the JUnit runner runs
the protocol modules again on store-backed AtomicInts, once per engine). These cases need a store
URL: the runner's ``store_under_test.URL``, or ``ATOMICINT_TEST_REDIS`` (``redis://127.0.0.1:PORT/0``).
"""

import copy
import os
import pickle
import socket
import threading
import time
import unittest

import atomicint
from atomicint import AtomicInt

from .support import requires_java, requires_portable_backend

try:
    from store_under_test import URL
except ImportError:
    URL = None
URL = URL or os.environ.get("ATOMICINT_TEST_REDIS")


def free_port_url(like):
    """An address of the same engine as the URL ``like``, where no server listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1] or 1  # GraalPy's emulated sockets (embedded) report port 0: 1 has no server either
    if like.startswith("zookeeper:"):
        return f"zookeeper://127.0.0.1:{port}/atomicint-test"
    if like.startswith("redis-cluster:"):
        return f"redis-cluster://127.0.0.1:{port}"
    return f"redis://127.0.0.1:{port}/0"


@unittest.skipIf(URL is None, "no store under test")
class RemoteAtomicInts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.store = atomicint.connect(URL)

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def fresh(self):
        return self.store.atomic_int(f"remote-test:{self.id()}:{time.monotonic_ns()}")

    def test_an_absent_key_reads_as_zero(self):
        self.assertEqual(self.fresh().get(), 0)

    def test_a_remote_atomicint_is_an_atomicint(self):
        self.assertIsInstance(self.fresh(), AtomicInt)

    def test_two_handles_on_one_name_share_the_value(self):
        n = self.fresh()
        same = self.store.atomic_int(n.name)
        n += 2**70
        same += 1
        self.assertEqual(n.get(), 2**70 + 1)

    def test_another_connection_sees_the_same_value(self):
        n = self.fresh()
        n += 5
        with atomicint.connect(URL) as other:
            self.assertEqual(other.atomic_int(n.name).get(), 5)

    def test_copy_and_pickle_are_refused(self):
        n = self.fresh()
        for duplicate in (copy.copy, copy.deepcopy, pickle.dumps):
            with self.assertRaises(TypeError):
                duplicate(n)

    def test_constructing_one_directly_is_refused(self):
        with self.assertRaises(TypeError):
            type(self.fresh())(5)

    def test_a_refused_connection_raises_store_error_naming_the_url(self):
        url = free_port_url(URL)
        with self.assertRaises(atomicint.StoreError) as raised:
            atomicint.connect(url)
        self.assertIn(url, str(raised.exception))
        self.assertIsInstance(raised.exception, ConnectionError)

    def test_an_unknown_scheme_raises_value_error(self):
        with self.assertRaises(ValueError):
            atomicint.connect("memcached://127.0.0.1:1")

    def test_a_closed_store_raises_store_error(self):
        store = atomicint.connect(URL)
        n = store.atomic_int("remote-test:closed")
        store.close()
        with self.assertRaises(atomicint.StoreError) as raised:
            n += 1
        self.assertIn("is closed", str(raised.exception))

    def test_a_result_over_the_size_limit_raises_overflow_error_and_changes_nothing(self):
        n = self.fresh()
        n.set(5)
        with self.assertRaises(OverflowError):
            n <<= 2**40
        self.assertEqual(n.get(), 5)

    def test_outcome_unknown_error_is_a_store_error(self):
        self.assertTrue(issubclass(atomicint.OutcomeUnknownError, atomicint.StoreError))

    @unittest.skipUnless(URL and URL.startswith("redis:"), "needs a server that can be paused (Redis CLIENT PAUSE); "
                         "every engine's calls take the same GIL-free Java path")
    def test_other_threads_run_while_one_waits_for_the_server(self):
        n = self.fresh()
        pause_server(URL, 400)  # the server holds every command for 400 ms
        waiter = threading.Thread(target=n.__iadd__, args=(1,))
        began = time.monotonic()
        waiter.start()
        longest_stall = 0.0
        last = time.monotonic()
        while waiter.is_alive():  # pure Python: runs only while the waiter does not hold the GIL
            now = time.monotonic()
            longest_stall = max(longest_stall, now - last)
            last = now
        waited = time.monotonic() - began
        self.assertGreater(waited, 0.25, "the update did not wait for the paused server")
        self.assertLess(longest_stall, 0.2, f"this thread stood still {longest_stall:.2f} s of {waited:.2f} s: the GIL was held")
        self.assertEqual(n.get(), 1)


@requires_java("store addresses are parsed by atomicint's Java engines")
class MalformedAddresses(unittest.TestCase):
    """Every malformed address raises ValueError naming the part that is wrong, before any grant
    is asked or anything is sent (so these hold in a context granted no store)."""

    CASES = (
        ("memcached://127.0.0.1:1", "the scheme 'memcached'"),
        ("127.0.0.1:6379", "no scheme"),
        ("redis://", "an empty host"),
        ("redis://127.0.0.1:99999/0", "the port 99999"),
        ("redis://127.0.0.1:6420/x", "the database 'x'"),
        ("redis://localhost:6420/0?timeout=abc", "the timeout 'abc'"),
        ("redis://localhost:6420/0?timeout=0", "the timeout 0"),
        ("redis://localhost:6420/0?color=red", "the parameter 'color'"),
        ("redis://u:p%0D%0AFLUSHALL@127.0.0.1/0", "a control character (such as CR or LF) in the password"),
        ("redis://127.0.0.1/0\r\nFLUSHALL", "a control character"),
        ("zookeeper://127.0.0.1:2181/app/../other", "the chroot '/app/../other'"),
    )

    def test_each_malformed_address_raises_value_error_naming_the_wrong_part(self):
        for url, named in self.CASES:
            with self.subTest(url=url):
                with self.assertRaises(ValueError) as raised:
                    atomicint.connect(url)
                self.assertIn(named, str(raised.exception))

    def test_a_refusal_does_not_show_the_credentials(self):
        with self.assertRaises(ValueError) as raised:
            atomicint.connect("redis://admin:hunter2@127.0.0.1:6379/x")
        self.assertNotIn("hunter2", str(raised.exception))

    def test_schemes_are_case_insensitive(self):
        with self.assertRaises(ValueError) as raised:  # parsed as redis: the database is what is wrong
            atomicint.connect("REDIS://127.0.0.1:6379/x")
        self.assertIn("the database 'x'", str(raised.exception))


def pause_server(url, millis):
    """CLIENT PAUSE on the Redis server at url, through a raw socket (RESP)."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    words = [b"CLIENT", b"PAUSE", str(millis).encode()]
    command = b"*3\r\n" + b"".join(b"$%d\r\n%s\r\n" % (len(w), w) for w in words)
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(command)
        if not s.recv(100).startswith(b"+OK"):
            raise AssertionError("CLIENT PAUSE was refused")


@requires_portable_backend("stored AtomicInts run on the Java engines; elsewhere connect refuses")
class ConnectWithoutJava(unittest.TestCase):
    def test_connect_raises_store_error_naming_the_url_and_what_is_needed(self):
        with self.assertRaises(atomicint.StoreError) as raised:
            atomicint.connect("redis://127.0.0.1:6379/0")
        self.assertIn("redis://127.0.0.1:6379/0", str(raised.exception))
        self.assertIn("GraalPy", str(raised.exception))
