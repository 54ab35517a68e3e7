"""The wheel (python/build_wheel.py): a standard pure-Python wheel that pip installs offline, whose
version is pom.xml's, mapped to PEP 440 once."""

import base64
import csv
import email
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import build_wheel

from .support import requires_build_python

REPO = Path(build_wheel.__file__).resolve().parent.parent
TIMEOUT = 120


@requires_build_python("reads pom.xml with pyexpat, a native module only one GraalPy context per process may load")
class Pep440Version(unittest.TestCase):
    def test_a_release_keeps_its_number(self):
        self.assertEqual(build_wheel.pep440_version("1.2.3"), "1.2.3")

    def test_a_snapshot_is_a_development_release_of_its_number(self):
        self.assertEqual(build_wheel.pep440_version("0.1.0-SNAPSHOT"), "0.1.0.dev0")

    def test_alpha_beta_and_release_candidates_are_pre_releases(self):
        for maven, pep440 in [("1.0-alpha-1", "1.0a1"), ("1.0-beta2", "1.0b2"), ("2.0.0-rc-3", "2.0.0rc3")]:
            with self.subTest(maven=maven):
                self.assertEqual(build_wheel.pep440_version(maven), pep440)

    def test_any_other_qualifier_is_refused(self):
        for maven in ("1.0-final", "1.0-SNAPSHOT-2", "latest", "1.0.", ""):
            with self.subTest(maven=maven), self.assertRaises(ValueError):
                build_wheel.pep440_version(maven)

    def test_the_version_comes_from_the_pom(self):
        pom = (REPO / "pom.xml").read_text()
        self.assertIn(f"<version>{build_wheel.maven_version()}</version>", pom)


@requires_build_python("builds the wheel and installs it with pip, in subprocesses")
class TheWheel(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.scratch.cleanup)
        cls.dir = Path(cls.scratch.name)
        cls.version = build_wheel.pep440_version(build_wheel.maven_version())
        cls.wheel = cls.dir / "dist" / build_wheel.build_wheel(cls.dir / "dist")

    def dist_info(self, name):
        with zipfile.ZipFile(self.wheel) as wheel:
            return wheel.read(f"atomicint-{self.version}.dist-info/{name}").decode()

    def test_is_named_for_a_pure_python_wheel_of_the_pom_version(self):
        self.assertEqual(self.wheel.name, f"atomicint-{self.version}-py3-none-any.whl")

    def test_metadata_names_the_package_and_its_version(self):
        metadata = self.dist_info("METADATA").splitlines()
        self.assertIn("Name: atomicint", metadata)
        self.assertIn(f"Version: {self.version}", metadata)
        self.assertIn("Metadata-Version: 2.1", metadata)

    def metadata(self):
        return email.message_from_string(self.dist_info("METADATA"))

    def test_metadata_gives_the_license_of_the_projects_license_file(self):
        self.assertEqual(self.metadata().get_all("License"), ["Apache-2.0"])
        self.assertIn("Apache License\n                           Version 2.0", (REPO / "LICENSE").read_text())

    def test_carries_the_projects_license_file(self):
        self.assertEqual(self.dist_info("LICENSE"), (REPO / "LICENSE").read_text())

    def test_project_urls_are_the_poms_url(self):
        pom_url = ElementTree.parse(REPO / "pom.xml").getroot().findtext("{http://maven.apache.org/POM/4.0.0}url")
        self.assertEqual(self.metadata().get_all("Project-URL"), [f"Homepage, {pom_url}", f"Source, {pom_url}"])

    def test_description_is_the_python_readme_in_markdown(self):
        metadata = self.metadata()
        self.assertEqual(metadata["Description-Content-Type"], "text/markdown; charset=UTF-8")
        self.assertEqual(metadata.get_payload(), (REPO / "python" / "README.md").read_text())

    def test_classifiers_name_the_tested_pythons_and_implementations(self):
        classifiers = self.metadata().get_all("Classifier")
        for tested in ("Programming Language :: Python :: 3.11", "Programming Language :: Python :: Implementation :: CPython",
                       "Programming Language :: Python :: Implementation :: GraalPy", "Typing :: Typed"):
            self.assertIn(tested, classifiers)
        self.assertEqual(self.metadata()["Requires-Python"], ">=3.10")

    def test_installed_metadata_reads_back_through_importlib_metadata(self):
        target = self.dir / "metadata-site"
        run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
             "--target", str(target), str(self.wheel)])
        read = ("import importlib.metadata as m, json; d = m.metadata('atomicint'); "
                "print(json.dumps([d['License'], d.get_all('Project-URL'), d['Summary'], d.get_payload()[:11]]))")
        license_, urls, summary, description = json.loads(
            run([sys.executable, "-c", read], env=dict(os.environ, PYTHONPATH=str(target)), cwd=self.dir))
        self.assertEqual(license_, "Apache-2.0")
        self.assertEqual(len(urls), 2)
        self.assertTrue(summary.startswith("Atomic integers"))
        self.assertEqual(description, "# atomicint")

    def test_wheel_file_declares_a_purelib_py3_none_any_wheel(self):
        wheel = self.dist_info("WHEEL").splitlines()
        for line in ("Wheel-Version: 1.0", "Root-Is-Purelib: true", "Tag: py3-none-any"):
            self.assertIn(line, wheel)

    def test_record_lists_every_file_with_its_sha256_and_size(self):
        record = self.dist_info("RECORD")
        with zipfile.ZipFile(self.wheel) as wheel:
            contents = {name: wheel.read(name) for name in wheel.namelist()}
        rows = {path: (digest, size) for path, digest, size in csv.reader(io.StringIO(record))}
        self.assertEqual(set(rows), set(contents))
        for path, data in contents.items():
            if path.endswith("/RECORD"):
                self.assertEqual(rows[path], ("", ""))
                continue
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            self.assertEqual(rows[path], (f"sha256={expected}", str(len(data))), path)

    def test_holds_the_whole_package_and_no_cache(self):
        with zipfile.ZipFile(self.wheel) as wheel:
            names = set(wheel.namelist())
        sources = {p.relative_to(REPO / "python").as_posix() for p in (REPO / "python" / "atomicint").glob("*")
                   if p.is_file() and p.name != "_version.py"}
        self.assertLessEqual(sources, names)
        self.assertIn("atomicint/_version.py", names)
        self.assertFalse([name for name in names if "__pycache__" in name or name.endswith(".pyc")])

    def test_the_same_sources_give_the_same_bytes(self):
        again = build_wheel.build_wheel(self.dir / "again")
        self.assertEqual((self.dir / "again" / again).read_bytes(), self.wheel.read_bytes())

    def test_installs_with_pip_offline_and_runs_the_stress_demo_exactly(self):
        target = self.dir / "site"
        run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
             "--target", str(target), str(self.wheel)])
        env = dict(os.environ, PYTHONPATH=str(target))
        imported = run([sys.executable, "-c", "import atomicint; print(atomicint.__file__); print(atomicint.__version__)"],
                       env=env, cwd=self.dir).splitlines()
        self.assertEqual(Path(imported[0]).parent, target / "atomicint")
        self.assertEqual(imported[1], self.version)
        stress = run([sys.executable, str(REPO / "demos" / "stress.py"), "8", "20000", "y"], env=env, cwd=self.dir)
        self.assertEqual(stress.split(), ["atomic", "160000"])

    def test_pip_installs_the_source_directory_offline_through_the_in_tree_backend(self):
        target = self.dir / "from-source"
        run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
             "--target", str(target), str(REPO / "python")])
        self.assertTrue((target / "atomicint" / "_portable.py").is_file())
        self.assertIn(f'__version__ = "{self.version}"', (target / "atomicint" / "_version.py").read_text())


@requires_build_python("builds wheels with the build's python3")
class TheJavaClassesInTheWheel(unittest.TestCase):
    """Given the compiled classes, the wheel carries them as ``atomicint/atomicint.jar`` (for GraalPy's
    own launcher, which adds it to the class path at import: ``atomicint._classpath``)."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.scratch.cleanup)
        cls.dir = Path(cls.scratch.name)
        cls.classes = cls.dir / "classes"
        for name, data in [("dev/atomicint/AtomicInt.class", b"\xca\xfe\xba\xbe atomic"),
                           ("dev/atomicint/python/bootstrap.py", b"# a resource\n"),
                           ("dev/atomicint/python/lib/atomicint/__init__.py", b"# the package's copy\n")]:
            (cls.classes / name).parent.mkdir(parents=True, exist_ok=True)
            (cls.classes / name).write_bytes(data)
        cls.wheel = cls.dir / "dist" / build_wheel.build_wheel(cls.dir / "dist", {"classes": str(cls.classes)})

    def jar_entries(self):
        with zipfile.ZipFile(self.wheel) as wheel, zipfile.ZipFile(io.BytesIO(wheel.read(build_wheel.JAR))) as jar:
            return {name: jar.read(name) for name in jar.namelist()}

    def test_carries_the_classes_and_resources_as_a_jar(self):
        entries = self.jar_entries()
        self.assertEqual(entries["dev/atomicint/AtomicInt.class"], b"\xca\xfe\xba\xbe atomic")
        self.assertEqual(entries["dev/atomicint/python/bootstrap.py"], b"# a resource\n")
        self.assertIn("META-INF/MANIFEST.MF", entries)

    def test_leaves_the_python_packages_copy_out_of_the_jar(self):
        self.assertFalse([name for name in self.jar_entries() if name.startswith("dev/atomicint/python/lib/")])

    def test_records_the_jar_like_every_file(self):
        with zipfile.ZipFile(self.wheel) as wheel:
            record = wheel.read(f"atomicint-{build_wheel.pep440_version(build_wheel.maven_version())}.dist-info/RECORD")
        self.assertIn(f"{build_wheel.JAR},sha256=".encode(), record)

    def test_the_same_classes_give_the_same_bytes(self):
        again = build_wheel.build_wheel(self.dir / "again", {"classes": str(self.classes)})
        self.assertEqual((self.dir / "again" / again).read_bytes(), self.wheel.read_bytes())

    def test_a_directory_without_atomicints_classes_is_refused(self):
        empty = self.dir / "empty"
        empty.mkdir(exist_ok=True)
        with self.assertRaisesRegex(ValueError, "compile the Java sources first"):
            build_wheel.java_archive(empty)

    def test_without_the_classes_the_wheel_carries_no_jar(self):
        plain = build_wheel.build_wheel(self.dir / "plain")
        with zipfile.ZipFile(self.dir / "plain" / plain) as wheel:
            self.assertNotIn(build_wheel.JAR, wheel.namelist())


def run(command, **kwargs):
    """Run a command; answer its standard output; fail with its output if it fails."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    if done.returncode != 0:
        raise AssertionError(f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


if __name__ == "__main__":
    unittest.main()
