#!/usr/bin/env python3
"""kill -9 in the middle of a burst: is every acknowledged report there with its photos?

Starts `kiezwerk serve --demo` on loopback, lets several clients post Open311 reports with a
photo as fast as it takes them, kills the server with SIGKILL at a random moment, starts it
again and checks:
  - every report acknowledged (201) before the kill is there, and its photo is served;
  - nothing is half there: every stored report has as many photo rows as it says, and every
    photo row has both its files;
and, after all rounds, starts the server once more with the clock two hours ahead (faketime),
so that its cleanup pass sweeps what the kills abandoned, and checks that no photo file is
left without a report or draft referring to it. Repeats for SQLite and PostgreSQL; with
`--store s3` the photos are objects in an S3 server (s3s-fs, as the tests use) instead of files.

    cargo build --release -p kiezwerk-server
    python3 server/scripts/kill9.py                      # 20 rounds on each database
    python3 server/scripts/kill9.py --rounds 5 --database sqlite
    python3 server/scripts/kill9.py --store s3 --database postgres

Loopback only; each round takes a few seconds. Needs python3 (standard library), psql for
PostgreSQL (127.0.0.1:5432, user postgres) and Debian's faketime for the final sweep.
Exits non-zero if anything acknowledged is missing or anything is half there.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PHOTO = open(os.path.join(ROOT, "server/tests/fixtures/rotated-gps.jpg"), "rb").read()
FIELDS = {
    "api_key": "demo-key",
    "jurisdiction_id": "berlin",
    "service_code": "illegal-dumping",
    "lat": "52.5413",
    "long": "13.4124",
    "attribute[waste_kind]": "rubble",
    "attribute[amount]": "small",
    "description": "kill -9",
}
POSTGRES_ADMIN = os.environ.get(
    "KIEZWERK_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def multipart(photo=PHOTO):
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in FIELDS.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="media"; filename="p.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    body += photo + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("content-type", ""), response.read()
    finally:
        conn.close()


class Server:
    def __init__(self, binary, env, log):
        self.binary, self.env, self.log = binary, env, log
        self.port = int(env["KIEZWERK_BIND"].rsplit(":", 1)[1])
        self.process = None

    def start(self, prefix=()):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [*prefix, self.binary, "serve", "--demo"],
                env={**os.environ, **self.env},
                stdout=log,
                stderr=log,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the server exited with {self.process.returncode}; see {self.log}")
            try:
                if request(self.port, "GET", "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        sys.exit(f"the server did not become healthy; see {self.log}")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        self.process.wait()


class Database:
    """Read-only queries on the server's database: SQLite directly, PostgreSQL through psql."""

    def __init__(self, kind, url):
        self.kind, self.url = kind, url

    def rows(self, sql):
        if self.kind == "sqlite":
            path = self.url[len("sqlite:") :]
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                return [tuple(str(v) for v in row) for row in conn.execute(sql)]
        out = subprocess.run(
            ["psql", self.url, "-qtAF", "\t", "-c", sql], check=True, capture_output=True, text=True
        ).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]


def burst(port, clients, acknowledged, failures):
    def client():
        while not stop.is_set():
            content_type, body = multipart()
            try:
                status, _, answer = request(
                    port, "POST", "/open311/v2/requests.json", body, {"Content-Type": content_type}
                )
            except OSError as error:
                failures.append(type(error).__name__)
                time.sleep(0.01)
                continue
            if status == 201:
                acknowledged.append(json.loads(answer)[0]["service_request_id"])
            else:
                failures.append(f"HTTP {status}")

    stop = threading.Event()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    return stop, threads


def check(server, db, photo_dir, acknowledged):
    """Problems found: acknowledged reports missing, half-stored reports and photos."""
    problems = []
    for reference in acknowledged:
        status, content_type, _ = request(server.port, "GET", f"/meldungen/{reference}/fotos/1")
        if status != 200 or content_type != "image/jpeg":
            problems.append(f"acknowledged {reference}: photo answers {status}")
    for reference, said, rows in db.rows(
        "select r.reference, r.photo_count, (select count(*) from report_photos p where p.report_id = r.id) "
        "from reports r"
    ):
        if said != rows:
            problems.append(f"{reference}: photo_count {said} but {rows} photo rows")
    for (key,) in db.rows("select storage_key from report_photos"):
        for name in (f"{key}.jpg", f"{key}.thumb.jpg"):
            if not os.path.exists(os.path.join(photo_dir, key[:2], name)):
                problems.append(f"photo file {name} of a stored report is missing")
    return problems


def photo_files(photo_dir):
    found = []
    for base, _, files in os.walk(photo_dir):
        found += [os.path.join(base, f) for f in files if not f.startswith(".healthz")]
    return found


def start_s3(work, port=None, prefix=()):
    """s3s-fs on a free port with one bucket; its objects are files under the bucket's directory,
    laid out as Kiezwerk names them (`ab/abcd….jpg`)."""
    if not shutil.which("s3s-fs"):
        sys.exit("s3s-fs is needed for --store s3: cargo install s3s-fs@0.14.1 --locked --features binary")
    root = os.path.join(work, "s3")
    os.makedirs(os.path.join(root, "photos"), exist_ok=True)
    port = port or free_port()
    process = subprocess.Popen(
        [*prefix, "s3s-fs", "--host", "127.0.0.1", "--port", str(port), "--access-key", "kill9",
         "--secret-key", "kill9-secret", root],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("s3s-fs did not start")
            time.sleep(0.05)
    env = {
        "KIEZWERK_PHOTO_STORE": "s3://photos",
        "KIEZWERK_S3_ENDPOINT": f"http://127.0.0.1:{port}",
        "KIEZWERK_S3_ACCESS_KEY_ID": "kill9",
        "KIEZWERK_S3_SECRET_ACCESS_KEY": "kill9-secret",
    }
    return process, env, os.path.join(root, "photos")


def run(kind, args):
    work = tempfile.mkdtemp(prefix=f"kiezwerk-kill9-{kind}-")
    photo_dir = os.path.join(work, "photos")
    s3 = None
    if args.store == "s3":
        s3, s3_env, photo_dir = start_s3(work)
    if kind == "sqlite":
        url = f"sqlite:{os.path.join(work, 'kiezwerk.db')}"
    else:
        name = f"kiezwerk_kill9_{int(time.time())}"
        subprocess.run(["psql", POSTGRES_ADMIN, "-qc", f"create database {name}"], check=True)
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    env = {
        "KIEZWERK_DATABASE_URL": url,
        "KIEZWERK_DATA_DIR": work,
        "KIEZWERK_BIND": f"127.0.0.1:{free_port()}",
        "KIEZWERK_INTAKE_PER_MINUTE": "1000000",
        "KIEZWERK_API_KEY_PER_MINUTE": "1000000",
        "KIEZWERK_LOG": "warn",
    }
    if s3:
        env.update(s3_env)
    server = Server(args.binary, env, os.path.join(work, "server.log"))
    db = Database(kind, url)
    totals = {"acknowledged": 0, "refused or cut off": 0, "problems": 0}
    print(f"== {kind}, photos {'in S3' if s3 else 'on disk'}: {args.rounds} rounds, {args.clients} clients, data in {work}")
    server.start()
    for round_ in range(1, args.rounds + 1):
        acknowledged, failures = [], []
        stop, threads = burst(server.port, args.clients, acknowledged, failures)
        time.sleep(random.uniform(0.3, 2.0))
        server.kill()
        stop.set()
        for t in threads:
            t.join()
        server.start()
        problems = check(server, db, photo_dir, acknowledged)
        stored = int(db.rows("select count(*) from reports")[0][0])
        totals["acknowledged"] += len(acknowledged)
        totals["refused or cut off"] += len(failures)
        totals["problems"] += len(problems)
        print(
            f"round {round_:2}: {len(acknowledged):4} acknowledged, {len(failures):3} cut off, "
            f"{stored:5} stored in all, {len(problems)} problems"
        )
        for problem in problems[:10]:
            print(f"   !! {problem}")
    server.stop()

    # The cleanup pass at start, two hours later, sweeps the uploads the kills abandoned.
    def unreferenced():
        referenced = {
            key
            for (key,) in db.rows(
                "select storage_key from report_photos union select storage_key from draft_photos"
            )
        }
        return [f for f in photo_files(photo_dir) if os.path.basename(f).split(".")[0] not in referenced]

    orphans = None
    abandoned = len(unreferenced())
    if shutil.which("faketime"):
        if s3:
            # S3 requests are signed with the time: the store must share the faked clock.
            s3.terminate()
            s3.wait()
            port = int(s3_env["KIEZWERK_S3_ENDPOINT"].rsplit(":", 1)[1])
            s3 = start_s3(work, port, ("faketime", "-f", "+2h"))[0]
        server.start(prefix=("faketime", "-f", "+2h"))
        time.sleep(2)
        server.stop()
        orphans = unreferenced()
        for orphan in orphans[:10]:
            print(f"   !! left without a report: {orphan}")
        totals["problems"] += len(orphans)
    stored = int(db.rows("select count(*) from reports")[0][0])
    print(
        f"{kind}: {totals['acknowledged']} acknowledged, {stored} stored (the difference: "
        f"stored but cut off before the answer), {totals['refused or cut off']} requests cut off; "
        + (
            f"{abandoned} photo files (or halves) without a report before the sweep, {len(orphans)} after"
            if orphans is not None
            else "sweep not checked (no faketime)"
        )
        + f"; {totals['problems']} problems"
    )
    if kind == "postgres":
        subprocess.run(
            ["psql", POSTGRES_ADMIN, "-qc", f"drop database if exists {url.rsplit('/', 1)[1]} with (force)"],
            check=False,
        )
    if s3:
        s3.terminate()
        s3.wait()
    if totals["problems"] == 0:
        shutil.rmtree(work, ignore_errors=True)
    return totals["problems"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--store", choices=["disk", "s3"], default="disk")
    parser.add_argument("--binary", default=None)
    args = parser.parse_args()
    if args.binary is None:
        for build in ("release", "debug"):
            candidate = os.path.join(ROOT, "target", build, "kiezwerk")
            if os.path.exists(candidate):
                args.binary = candidate
                break
        else:
            sys.exit("no kiezwerk binary: cargo build --release -p kiezwerk-server")
    print(f"binary: {args.binary}")
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    problems = sum(run(kind, args) for kind in kinds)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
