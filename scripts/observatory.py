"""`make observatory`: grade the production configuration with MDN's HTTP Observatory.

The app runs with its production settings under gunicorn, over TLS on 127.0.0.1:443
with a certificate made for this run (and thrown away after it), and over plain HTTP
on port 80, where production redirects to HTTPS. The scanner, the npm package
@mdn/mdn-http-observatory, always scans ports 80 and 443 of the host it is given, so
the host is `localhost` and binding those ports needs root (or CAP_NET_BIND_SERVICE).
It trusts the run's certificate authority through NODE_EXTRA_CA_CERTS, so the
certificate checks (HSTS, redirection) are made for real rather than switched off.

Prints the grade, the score and every test's result; exits 1 unless the grade is A+.
Arguments CLOSEKNIT_NAME=value change the configuration scanned, e.g.
CLOSEKNIT_HSTS_SECONDS=0 shows the grade without HSTS (and the failure).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from closeknit.testing.prodserver import production_environment  # noqa: E402 - needs ROOT

HOST = "localhost"
SCANNER = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
REQUIRED_GRADE = "A+"
VENV_BIN = Path(sys.executable).parent


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A one-run certificate authority and a certificate for localhost it signed."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Closeknit observatory run")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName(HOST),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.IPAddress(ipaddress.ip_address("::1")),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.OID_SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path = folder / "ca.pem"
    cert_path = folder / "localhost.pem"
    key_path = folder / "localhost.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    return ca_path, cert_path, key_path


def deployment_environment(folder: Path, overrides: dict[str, str]) -> dict[str, str]:
    # Everything production defaults to stays on: the HTTPS redirect, HSTS, cookies.
    environ = production_environment(folder, host=HOST)
    environ.update(
        {
            "CLOSEKNIT_SITE_URL": f"https://{HOST}",
            # The scanner asks for /robots.txt, and a 404 is not worth a warning here.
            "CLOSEKNIT_LOG_LEVEL": "ERROR",
            "PYTHONUNBUFFERED": "1",
        }
    )
    environ.update(overrides)
    return environ


PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
call_command("collectstatic", interactive=False, verbosity=0)
"""


def loopback_binds(port: int) -> list[str]:
    binds = [f"127.0.0.1:{port}"]
    # Where localhost also means ::1, the scanner may try that first.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        binds.append(f"[::1]:{port}")
    return binds


def check_ports_free() -> None:
    for port in (80, 443):
        with socket.socket() as probe:
            # As gunicorn does: connections of an earlier run still closing do not count.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except PermissionError:
                sys.exit(
                    f"observatory: binding port {port} needs root (the scanner only uses 80/443)"
                )
            except OSError:
                sys.exit(f"observatory: port {port} on 127.0.0.1 is already in use")


@contextlib.contextmanager
def gunicorn(environ: dict[str, str], port: int, log: Path, *tls: str) -> Iterator[None]:
    command = [str(VENV_BIN / "gunicorn"), "closeknit.wsgi:application", "--workers", "2"]
    for bind in loopback_binds(port):
        command += ["--bind", bind]
    command += ["--no-control-socket", "--error-logfile", str(log), *tls]
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn
        command, cwd=ROOT, env=environ, start_new_session=True
    )
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_served(url: str, context: ssl.SSLContext | None, logs: list[Path]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    for log in logs:
        if log.exists():
            print(log.read_text(errors="replace"), file=sys.stderr)
    sys.exit(f"observatory: {url} did not answer within a minute")


def scan(ca_path: Path) -> dict[str, object]:
    node = shutil.which("node")
    if node is None:
        sys.exit("observatory: node is missing (`make node` installs it with the scanner)")
    environ = dict(os.environ)
    # The scanner's own wrapper (bin/wrapper.js) would replace NODE_EXTRA_CA_CERTS with
    # Mozilla's bundle, so src/scan.js is run directly, trusting this run's CA.
    environ["NODE_EXTRA_CA_CERTS"] = str(ca_path)
    environ["NO_PROXY"] = "*"
    environ["no_proxy"] = "*"
    result = subprocess.run(  # noqa: S603 - node running the installed scanner
        [node, str(SCANNER / "src" / "scan.js"), HOST],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    try:
        report: dict[str, object] = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"observatory: the scanner failed:\n{result.stdout}\n{result.stderr}")
    if "error" in report:
        sys.exit(f"observatory: the scanner failed: {report['error']}")
    return report


def print_report(report: dict[str, object]) -> str:
    summary = report["scan"]
    tests = report["tests"]
    assert isinstance(summary, dict)
    assert isinstance(tests, dict)
    print(f"MDN HTTP Observatory, https://{HOST}/ (production settings, gunicorn over TLS)")
    print(f"  grade {summary['grade']}, score {summary['score']}")
    print(f"  {summary['testsPassed']} of {summary['testsQuantity']} tests passed")
    for name in sorted(tests):
        test = tests[name]
        mark = "pass" if test["pass"] else "FAIL"
        modifier = test.get("scoreModifier", 0)
        print(f"  {mark}  {name:32} {modifier:+4d}  {test['result']}")
    return str(summary["grade"])


def ensure_hsts_preload_list() -> None:
    # The package's install script downloads Chromium's HSTS preload list, which a
    # closed build machine cannot reach (.npmrc turns install scripts off). The
    # scanner only reads it to credit preloaded domains; localhost is on no such list,
    # so an empty one gives the same answer here.
    preload = SCANNER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}\n", encoding="utf-8")


def parse_overrides(arguments: list[str]) -> dict[str, str]:
    """NAME=value arguments, to see the grade of another configuration (and that it fails)."""
    overrides = {}
    for argument in arguments:
        name, equals, value = argument.partition("=")
        if not equals or not name.startswith("CLOSEKNIT_"):
            sys.exit(f"observatory: expected CLOSEKNIT_NAME=value, got {argument!r}")
        overrides[name] = value
    return overrides


def main(arguments: list[str]) -> int:
    overrides = parse_overrides(arguments)
    if not (SCANNER / "src" / "scan.js").exists():
        sys.exit("observatory: the scanner is missing; `make node` installs it")
    ensure_hsts_preload_list()
    check_ports_free()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="closeknit-observatory-") as temporary:
        folder = Path(temporary)
        ca_path, cert_path, key_path = make_certificates(folder)
        environ = deployment_environment(folder, overrides)
        subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", PREPARE], cwd=ROOT, env=environ, check=True
        )
        tls = ("--certfile", str(cert_path), "--keyfile", str(key_path))
        https_log, http_log = folder / "https.log", folder / "http.log"
        with gunicorn(environ, 443, https_log, *tls), gunicorn(environ, 80, http_log):
            trust = ssl.create_default_context(cafile=str(ca_path))
            wait_until_served(f"https://{HOST}/healthz", trust, [https_log])
            # Port 80 only redirects, so readiness there is the redirect's arrival.
            wait_until_served(f"http://{HOST}/healthz", trust, [http_log])
            report = scan(ca_path)
    grade = print_report(report)
    print(f"  ({time.monotonic() - started:.0f} s)")
    if grade != REQUIRED_GRADE:
        print(f"observatory: FAILED, grade {grade} is below {REQUIRED_GRADE}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
