#!/usr/bin/env python3
"""Soak: ten minutes of mixed load against two servers, and is every accepted report there?

Starts two `kiezwerk serve --demo` processes on loopback on one PostgreSQL database and one
photo directory (or one S3 server with `--store s3`), answering as one site behind a load
balancer (every request goes to the next server in turn), and runs at once:
  - citizens reporting through the web flow without JavaScript: category, details, place,
    a photo upload, description, contact, check, send — each step a form post;
  - Open311 clients posting reports with a photo (multipart) and reading the request list;
  - dispatchers (invited on the command line, signed up with a passkey) working their queue:
    opening new reports and accepting them, signing out and in with their passkey now and then;
  - citizens signing in with a passkey, looking at their account and signing out;
  - people reading the start page and reports' public status pages.
Passkeys come from a software authenticator (ES256, "none" attestation), as the API tests'.
It prints requests, errors by kind and p50/p95/p99 per kind, and at the end checks
accepted reports == stored reports == reports with all their photos (each photo row with its
files or objects, and photo 1 of every accepted report served).

    cargo build --release -p kiezwerk-server
    python3 server/scripts/soak.py                   # ten minutes
    python3 server/scripts/soak.py --seconds 60 --store s3

Loopback only, bounded in time. Needs psql and PostgreSQL on 127.0.0.1:5432 (user postgres)
and Python's `cryptography` package (pip install cryptography) for the passkeys. The rate
limits are raised for the run: every virtual client comes from 127.0.0.1.
Exits non-zero if anything accepted is missing or half there, or a server answered 5xx.
"""

import argparse
import base64
import collections
import hashlib
import http.client
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill9 import PHOTO, POSTGRES_ADMIN, ROOT, Database, Server, free_port, multipart, start_s3  # noqa: E402

try:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
except ImportError:
    sys.exit("the passkeys need Python's cryptography package: pip install cryptography")

PUBLIC_HOST = "localhost:8080"
ORIGIN = f"http://{PUBLIC_HOST}"
RP_ID = "localhost"
REFERENCE = re.compile(r"BER-\d{4}-\d+")


# ---- a software passkey authenticator ----

def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cbor_head(major, value):
    if value < 24:
        return bytes([major << 5 | value])
    if value < 0x100:
        return bytes([major << 5 | 24, value])
    if value < 0x10000:
        return bytes([major << 5 | 25]) + value.to_bytes(2, "big")
    return bytes([major << 5 | 26]) + value.to_bytes(4, "big")


def cbor(value):
    """The CBOR of ints, byte strings, text and maps: what an attestation object holds."""
    if isinstance(value, int):
        return cbor_head(0, value) if value >= 0 else cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return cbor_head(2, len(value)) + value
    if isinstance(value, str):
        return cbor_head(3, len(value.encode())) + value.encode()
    if isinstance(value, dict):
        return cbor_head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(type(value))


def client_data(kind, challenge):
    return json.dumps(
        {"type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": False}
    ).encode()


# user present, user verified, backup eligible and state, attested credential data
UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40


def authenticator_data(flags, counter):
    return hashlib.sha256(RP_ID.encode()).digest() + bytes([flags]) + counter.to_bytes(4, "big")


class Passkey:
    def __init__(self, options):
        """Answers navigator.credentials.create() with the server's options."""
        public_key = options["publicKey"]
        assert public_key["rp"]["id"] == RP_ID, public_key["rp"]
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.id = os.urandom(16)
        self.user_handle = unb64(public_key["user"]["id"])
        self.counter = 0
        numbers = self.key.public_key().public_numbers()
        cose = cbor({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                     -3: numbers.y.to_bytes(32, "big")})
        auth = (authenticator_data(UP | UV | BE | BS | AT, 0) + bytes(16)
                + len(self.id).to_bytes(2, "big") + self.id + cose)
        attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth})
        self.registration = {
            "id": b64(self.id), "rawId": b64(self.id), "type": "public-key",
            "response": {
                "attestationObject": b64(attestation),
                "clientDataJSON": b64(client_data("webauthn.create", public_key["challenge"])),
                "transports": ["internal"],
            },
            "extensions": {},
        }

    def assertion(self, options):
        """Answers navigator.credentials.get()."""
        self.counter += 1
        auth = authenticator_data(UP | UV | BE | BS, self.counter)
        data = client_data("webauthn.get", options["publicKey"]["challenge"])
        signature = self.key.sign(auth + hashlib.sha256(data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64(self.id), "rawId": b64(self.id), "type": "public-key",
            "response": {
                "authenticatorData": b64(auth), "clientDataJSON": b64(data),
                "signature": b64(signature), "userHandle": b64(self.user_handle),
            },
            "extensions": {},
        }


# ---- figures ----

class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = collections.defaultdict(list)
        self.errors = collections.defaultdict(collections.Counter)

    def record(self, kind, seconds, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind][error] += 1

    def server_errors(self):
        return sum(n for errors in self.errors.values() for e, n in errors.items() if e.startswith("HTTP 5"))

    def print(self, elapsed):
        total = sum(len(v) for v in self.latencies.values())
        failed = sum(sum(c.values()) for c in self.errors.values())
        print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), {failed} errors")
        print(f"{'kind':<32} {'requests':>8} {'p50':>8} {'p95':>8} {'p99':>8}  errors")
        for kind in sorted(self.latencies):
            values = sorted(self.latencies[kind])

            def p(q):
                return values[min(len(values) - 1, int(len(values) * q))] * 1000

            errors = ", ".join(f"{e} ×{n}" for e, n in self.errors[kind].most_common()) or "-"
            print(f"{kind:<32} {len(values):>8} {p(0.5):>6.0f}ms {p(0.95):>6.0f}ms {p(0.99):>6.0f}ms  {errors}")


# ---- a browser: cookies, the site's host name, requests spread over the servers ----

class Refused(Exception):
    pass


class Browser:
    servers = None  # itertools.cycle over the servers' ports, shared by all browsers
    figures = None

    def __init__(self):
        self.cookies = {}

    def send(self, kind, method, path, body=None, content_type=None, expect=(200,)):
        headers = {"Host": PUBLIC_HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = ORIGIN
            headers["Sec-Fetch-Site"] = "same-origin"
        if content_type:
            headers["Content-Type"] = content_type
        port = next(Browser.servers)
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            status = response.status
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    name, _, cookie = pair.partition("=")
                    if cookie and "max-age=0" not in value.lower():
                        self.cookies[name.strip()] = cookie
                    else:
                        self.cookies.pop(name.strip(), None)
            location = response.getheader("location", "")
            conn.close()
        except OSError as error:
            Browser.figures.record(kind, time.monotonic() - started, type(error).__name__)
            raise Refused(type(error).__name__)
        elapsed = time.monotonic() - started
        if status not in expect:
            Browser.figures.record(kind, elapsed, f"HTTP {status}")
            raise Refused(f"{kind}: HTTP {status} {answer[:200]!r}")
        Browser.figures.record(kind, elapsed)
        return status, location, answer

    def get(self, kind, path, expect=(200,)):
        return self.send(kind, "GET", path, expect=expect)

    def form(self, kind, path, fields):
        """A form post answered by a redirect; returns where to."""
        body = urllib.parse.urlencode(fields)
        status, location, _ = self.send(
            kind, "POST", path, body.encode(), "application/x-www-form-urlencoded", expect=(303,)
        )
        return location

    def json(self, kind, path, value):
        _, _, answer = self.send(kind, "POST", path, json.dumps(value).encode(), "application/json")
        return json.loads(answer) if answer else None


def sign_up_passkey(browser, kind):
    options = browser.json(kind, "/konto/passkey/registrierung/beginn", {})
    passkey = Passkey(options)
    browser.json(kind, "/konto/passkey/registrierung/abschluss",
                 {"credential": passkey.registration, "name": "Soak"})
    return passkey


def sign_in_passkey(browser, passkey, kind="passkey sign-in"):
    begun = browser.json(kind, "/konto/passkey/anmeldung/beginn", {})
    browser.json(kind, "/konto/passkey/anmeldung/abschluss",
                 {"ceremony": begun["ceremony"], "credential": passkey.assertion(begun["options"])})


# ---- the actors ----

class Run:
    def __init__(self, seconds):
        self.until = time.monotonic() + seconds
        self.accepted = []
        self.lock = threading.Lock()
        self.published = []  # references anyone may look at

    def going(self):
        return time.monotonic() < self.until

    def accept(self, reference):
        with self.lock:
            self.accepted.append(reference)
            self.published.append(reference)


def actor(run, work):
    def loop():
        while run.going():
            try:
                work()
            except Refused:
                time.sleep(0.2)
            except Exception as error:  # an answer the client could not read: count it, go on
                Browser.figures.record("client", 0, f"{type(error).__name__}: {error}"[:80])
                time.sleep(0.2)
    return loop


def web_citizen(run):
    b = Browser()
    b.get("web: pages", "/melden/kategorie")
    b.form("web: steps", "/api/melden/kategorie", [("category", "illegal-dumping")])
    b.form("web: steps", "/api/melden/angaben",
           [("antworten[waste_kind]", "bulky"), ("antworten[amount]", "medium")])
    b.form("web: steps", "/api/melden/ort/punkt", [("lat", "52.5413"), ("lon", "13.4124")])
    b.get("web: pages", "/melden/fotos")
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="foto"; filename="p.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n").encode() + PHOTO + f"\r\n--{boundary}--\r\n".encode()
    b.send("web: photo upload", "POST", "/melden/fotos/hochladen", body,
           f"multipart/form-data; boundary={boundary}", expect=(303,))
    b.form("web: steps", "/api/melden/beschreibung", [("beschreibung", "Sperrmüll am Straßenrand")])
    b.form("web: steps", "/api/melden/kontakt", [("email", "")])
    b.get("web: pages", "/melden/pruefen")
    location = b.form("web: send", "/api/melden/absenden", [])
    reference = REFERENCE.search(location)
    if not reference:
        Browser.figures.record("web: send", 0, "no reference")
        raise Refused(location)
    run.accept(reference.group(0))
    b.get("web: pages", location)


def open311_client(run):
    b = Browser()
    content_type, body = multipart()
    _, _, answer = b.send("open311: post with photo", "POST", "/open311/v2/requests.json", body,
                          content_type, expect=(201,))
    run.accept(json.loads(answer)[0]["service_request_id"])
    b.get("open311: list", "/open311/v2/requests.json?jurisdiction_id=berlin")


def dispatcher(run, passkey, parity):
    b = Browser()
    sign_in_passkey(b, passkey)
    for _ in range(10):
        if not run.going():
            break
        _, _, page = b.get("dispatcher: queue", "/dienst/berlin")
        mine = [r for r in dict.fromkeys(REFERENCE.findall(page.decode()))
                if int(r.rsplit("-", 1)[1]) % 2 == parity]
        for reference in mine[:3]:
            _, _, page = b.get("dispatcher: report", f"/dienst/meldungen/{reference}")
            text = page.decode()
            version = re.search(r'name="version" value="(\d+)"', text)
            if version and 'value="accept"' in text:
                b.form("dispatcher: accept", "/api/dienst/status",
                       [("reference", reference), ("version", version.group(1)),
                        ("transition", "accept")])
        time.sleep(0.5)
    b.form("dispatcher: sign-out", "/api/konto/abmelden", [])


def returning_citizen(run, passkey):
    b = Browser()
    sign_in_passkey(b, passkey)
    b.get("citizen: account", "/konto")
    b.form("citizen: sign-out", "/api/konto/abmelden", [])


def reader(run):
    b = Browser()
    b.get("public: pages", "/")
    with run.lock:
        reference = random.choice(run.published) if run.published else None
    if reference:
        b.get("public: pages", f"/meldungen/{reference}")
    time.sleep(0.1)


# ---- set-up and the check ----

def invite_dispatcher(binary, env, department):
    out = subprocess.run(
        [binary, "admin", "invite", "--municipality", "berlin", "--role", "dispatcher",
         "--department", department],
        env={**os.environ, **env}, check=True, capture_output=True, text=True,
    ).stdout
    token = re.search(r"token=([A-Za-z0-9_-]+)", out).group(1)
    b = Browser()
    b.form("set-up", "/api/einladung/annehmen", [("token", token), ("name", "Disponent")])
    return sign_up_passkey(b, "set-up")


def citizen_account(n):
    b = Browser()
    b.form("set-up", "/api/konto/registrieren", [("name", f"Bürgerin {n}"), ("email", "")])
    return sign_up_passkey(b, "set-up")


def check(run, db, photo_dir, s3):
    problems = []
    accepted = set(run.accepted)
    stored = {r for (r,) in db.rows("select reference from reports where created_at >= "
                                    f"{run.started_ms}")}
    problems += [f"accepted but not stored: {r}" for r in sorted(accepted - stored)]
    problems += [f"stored but never accepted: {r}" for r in sorted(stored - accepted)]
    complete = 0
    rows = db.rows(
        "select r.reference, r.photo_count, (select count(*) from report_photos p where p.report_id = r.id) "
        f"from reports r where r.created_at >= {run.started_ms}"
    )
    keys = collections.defaultdict(list)
    for reference, key in db.rows(
        "select r.reference, p.storage_key from report_photos p join reports r on r.id = p.report_id "
        f"where r.created_at >= {run.started_ms}"
    ):
        keys[reference].append(key)
    for reference, said, photo_rows in rows:
        files = all(
            os.path.exists(os.path.join(photo_dir, key[:2], name))
            for key in keys[reference]
            for name in (f"{key}.jpg", f"{key}.thumb.jpg")
        )
        if said == photo_rows and int(said) >= 1 and files:
            complete += 1
        else:
            problems.append(f"{reference}: photo_count {said}, {photo_rows} rows, files there: {files}")
    b = Browser()
    for reference in sorted(accepted):
        try:
            b.get("check: photo", f"/meldungen/{reference}/fotos/1")
        except Refused as refused:
            problems.append(f"{reference}: photo 1 not served ({refused})")
    where = "objects" if s3 else "files"
    print(f"\naccepted {len(accepted)} == stored {len(stored)} == with all their photos "
          f"({where} checked) {complete}: {'yes' if len(accepted) == len(stored) == complete else 'NO'}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--store", choices=["disk", "s3"], default="disk")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/kiezwerk"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("no kiezwerk binary: cargo build --release -p kiezwerk-server")
    work = tempfile.mkdtemp(prefix="kiezwerk-soak-")
    name = f"kiezwerk_soak_{int(time.time())}"
    subprocess.run(["psql", POSTGRES_ADMIN, "-qc", f"create database {name}"], check=True)
    url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    photo_dir = os.path.join(work, "photos")
    s3 = None
    shared = {
        "KIEZWERK_DATABASE_URL": url,
        "KIEZWERK_PHOTO_DIR": photo_dir,
        "KIEZWERK_PUBLIC_URL": ORIGIN,
        "KIEZWERK_INTAKE_PER_MINUTE": "100000000",
        "KIEZWERK_API_KEY_PER_MINUTE": "100000000",
        "KIEZWERK_AUTH_PER_MINUTE": "100000000",
        "KIEZWERK_LOG": "warn",
    }
    if args.store == "s3":
        s3, s3_env, photo_dir = start_s3(work)
        shared.update(s3_env)
    servers = []
    failed = True
    try:
        for i in range(2):
            env = {**shared, "KIEZWERK_DATA_DIR": os.path.join(work, f"server-{i}"),
                   "KIEZWERK_BIND": f"127.0.0.1:{free_port()}"}
            server = Server(args.binary, env, os.path.join(work, f"server-{i}.log"))
            server.start()
            servers.append(server)
        Browser.servers = itertools.cycle([s.port for s in servers])
        Browser.figures = Figures()
        run = Run(args.seconds)
        run.started_ms = int(time.time() * 1000) - 1000

        dispatchers = [invite_dispatcher(args.binary, servers[0].env, "ordnungsamt-pankow") for _ in range(2)]
        citizens = [citizen_account(n) for n in range(4)]
        run.until = time.monotonic() + args.seconds
        started = time.monotonic()
        jobs = (
            [actor(run, lambda: web_citizen(run))] * 3
            + [actor(run, lambda: open311_client(run))] * 2
            + [actor(run, lambda p=p, i=i: dispatcher(run, p, i)) for i, p in enumerate(dispatchers)]
            + [actor(run, lambda p=p: returning_citizen(run, p)) for p in citizens[:2]]
            + [actor(run, lambda: reader(run))]
        )
        print(f"soak: {args.seconds} s, two servers on PostgreSQL, photos "
              f"{'in S3 (s3s-fs)' if s3 else 'in one directory'}; {len(jobs)} clients; data in {work}")
        threads = [threading.Thread(target=job) for job in jobs]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            time.sleep(min(60, max(1, run.until - time.monotonic())))
            done = sum(len(v) for v in Browser.figures.latencies.values())
            print(f"  {time.monotonic() - started:4.0f} s: {done} requests, {len(run.accepted)} reports accepted",
                  flush=True)
        elapsed = time.monotonic() - started
        Browser.figures.print(elapsed)
        problems = check(run, Database("postgres", url), photo_dir, s3)
        for problem in problems[:20]:
            print(f"   !! {problem}")
        server_errors = Browser.figures.server_errors()
        print(f"{len(problems)} problems, {server_errors} server errors (5xx)")
        failed = bool(problems) or server_errors > 0
    finally:
        for server in servers:
            server.stop()
        if s3:
            s3.terminate()
            s3.wait()
        subprocess.run(["psql", POSTGRES_ADMIN, "-qc", f"drop database if exists {name} with (force)"],
                       check=False)
        if not failed:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
