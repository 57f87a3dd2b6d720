#!/usr/bin/env python3
"""Load figure: the highest rate two servers on this machine hold with p99 under one second.

Starts two `kiezwerk serve --demo` processes on loopback on one PostgreSQL database and one
photo directory, then drives them with `wrk` (half the connections to each server, as a load
balancer would), at rising numbers of connections, for two kinds of request:
  - public page views: a report's public status page and the start page, alternately;
  - report submissions with a photo through Open311 (multipart, a 3-megapixel JPEG).
For each step it prints requests per second, p50/p90/p99 and errors (non-2xx, socket errors);
the figure is the best rate of a step whose p99 stayed under one second.

    cargo build --release -p kiezwerk-server
    python3 server/scripts/load.py                 # about 4 minutes
    python3 server/scripts/load.py --seconds 10 --steps 2,8,32

Loopback only, bounded in time. Needs wrk (Debian: apt-get install wrk), psql and PostgreSQL on
127.0.0.1:5432 (user postgres). The servers and wrk share this machine's cores: the figure is a
floor for a deployment whose load generator runs elsewhere.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import struct
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill9 import POSTGRES_ADMIN, ROOT, Server, free_port, multipart, request  # noqa: E402

LUA_VIEWS = """
local paths = {"/meldungen/%s", "/"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% 2) + 1])
end
"""

LUA_REPORTS = """
local f = io.open("%s", "rb")
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.path = "/open311/v2/requests.json"
wrk.headers["Content-Type"] = "%s"
"""


def seconds(value, unit):
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(port, connections, duration, script):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
         "-s", script, f"http://127.0.0.1:{port}"],
        check=True, capture_output=True, text=True,
    ).stdout
    latency = {
        p: seconds(v, u) for p, v, u in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    }
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rate, latency, errors


def step(servers, connections, duration, script):
    """Both servers at once, half the connections each; the slower server's percentiles."""
    per_server = max(1, connections // 2)
    with ThreadPoolExecutor(len(servers)) as pool:
        results = list(pool.map(lambda s: wrk(s.port, per_server, duration, script), servers))
    rate = sum(r[0] for r in results)
    latency = {p: max(r[1].get(p, 0.0) for r in results) for p in ("50", "90", "99")}
    errors = sum(r[2] for r in results)
    return rate, latency, errors


def synthetic_png(width, height):
    """A photo-like PNG (gradients and mild noise) from the standard library alone."""
    rng = random.Random(7)
    rows = []
    for y in range(height):
        g = y * 255 // height
        row = bytearray(b"\0")
        for x in range(width):
            n = rng.randrange(-12, 13)
            row += bytes((
                min(255, max(0, x * 255 // width + n)),
                min(255, max(0, g + n)),
                min(255, max(0, (x + y) % 256 + n)),
            ))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def photo_file(work, port):
    """A 2048×1536 JPEG as phones send them: a synthetic PNG, re-encoded by Kiezwerk itself
    (one report through the server, then its stored photo)."""
    content_type, body = multipart(synthetic_png(2048, 1536))
    status, _, answer = request(port, "POST", "/open311/v2/requests.json", body,
                                {"Content-Type": content_type})
    assert status == 201, answer
    reference = json.loads(answer)[0]["service_request_id"]
    status, _, jpeg = request(port, "GET", f"/meldungen/{reference}/fotos/1")
    assert status == 200
    path = os.path.join(work, "photo.jpg")
    with open(path, "wb") as f:
        f.write(jpeg)
    return path, f"2048×1536 JPEG, {len(jpeg) / 1e6:.1f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="per step")
    parser.add_argument("--steps", default="2,4,8,16,32,64,128", help="connections in all")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/release/kiezwerk"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("no kiezwerk binary: cargo build --release -p kiezwerk-server")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="kiezwerk-load-")
    name = f"kiezwerk_load_{int(time.time())}"
    subprocess.run(["psql", POSTGRES_ADMIN, "-qc", f"create database {name}"], check=True)
    url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    servers = []
    try:
        for i in range(2):
            env = {
                "KIEZWERK_DATABASE_URL": url,
                "KIEZWERK_DATA_DIR": os.path.join(work, f"server-{i}"),
                "KIEZWERK_PHOTO_DIR": os.path.join(work, "photos"),
                "KIEZWERK_BIND": f"127.0.0.1:{free_port()}",
                "KIEZWERK_INTAKE_PER_MINUTE": "100000000",
                "KIEZWERK_API_KEY_PER_MINUTE": "100000000",
                "KIEZWERK_LOG": "warn",
            }
            server = Server(args.binary, env, os.path.join(work, f"server-{i}.log"))
            server.start()
            servers.append(server)

        photo, photo_kind = photo_file(work, servers[0].port)
        with open(photo, "rb") as f:
            content_type, body = multipart(f.read())
        with open(os.path.join(work, "report.body"), "wb") as f:
            f.write(body)
        status, _, answer = request(servers[0].port, "POST", "/open311/v2/requests.json", body,
                                    {"Content-Type": content_type})
        assert status == 201, answer
        reference = json.loads(answer)[0]["service_request_id"]
        views = os.path.join(work, "views.lua")
        with open(views, "w") as f:
            f.write(LUA_VIEWS % reference)
        reports = os.path.join(work, "reports.lua")
        with open(reports, "w") as f:
            f.write(LUA_REPORTS % (os.path.join(work, "report.body"), content_type))

        print(f"two servers, PostgreSQL, {os.cpu_count()} cores shared with wrk; photo: {photo_kind}")
        for label, script in (("public page views", views), ("reports with a photo", reports)):
            print(f"\n{label} ({args.seconds} s per step)")
            print(f"{'connections':>11} {'req/s':>9} {'p50':>9} {'p90':>9} {'p99':>9} {'errors':>7}")
            best = None
            for connections in (int(c) for c in args.steps.split(",")):
                rate, latency, errors = step(servers, connections, args.seconds, script)
                print(f"{connections:>11} {rate:>9.1f} {latency['50']*1000:>7.1f}ms "
                      f"{latency['90']*1000:>7.1f}ms {latency['99']*1000:>7.1f}ms {errors:>7}")
                if latency["99"] < 1.0 and errors == 0:
                    best = max(best or 0.0, rate)
                elif latency["99"] >= 1.0:
                    break
            print(f"=> {label}: {best or 0:.1f}/s sustained with p99 under one second")
    finally:
        for server in servers:
            server.stop()
        subprocess.run(["psql", POSTGRES_ADMIN, "-qc", f"drop database if exists {name} with (force)"],
                       check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
