#!/usr/bin/env python3
"""HTTP tests of `pgraph serve` against the real binary on a free port.

Every security rule of the server (Host check, methods, bodies, URI and
header limits, headers, embedded files only, slow clients), the API's
answers compared byte for byte with `pgraph --json`, a database change
noticed while serving, and a clean stop on SIGTERM.

    tests/server/test_http.py --pgraph build/src/cli/pgraph
"""
import argparse
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PGRAPH = None
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def hostile_fixture(folder):
    """tests/fixtures/hostile_names.json made importable (names are one line,
    no blank aliases), plus names that would run script if they became markup."""
    with open(os.path.join(ROOT, "tests/fixtures/hostile_names.json"), encoding="utf-8") as f:
        data = json.load(f)

    def one_line(value):
        if isinstance(value, str):
            return value.replace("\r", " ").replace("\n", " ")
        if isinstance(value, list):
            return [one_line(v) for v in value if not isinstance(v, str) or v.strip()]
        if isinstance(value, dict):
            return {k: one_line(v) for k, v in value.items()}
        return value

    data = one_line(data)
    data["entities"].append({"id": "evil-img", "kind": "igo",
                             "name": {"en": "<img src=x onerror=alert(1)>",
                                      "zh": "</title><script>alert(2)</script>"},
                             "aliases": ["\"><svg onload=alert(3)>"]})
    path = os.path.join(folder, "hostile.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path


def start_server(db, *extra):
    proc = subprocess.Popen([PGRAPH, "--db", db, "serve", "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://([^/]+):(\d+)/", line)
    if not match:
        proc.kill()
        raise RuntimeError("no URL from pgraph serve: %r %r" % (line, proc.stderr.read()))
    return proc, int(match.group(2)), line


class Response:
    def __init__(self, raw):
        head, _, self.body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status = int(lines[0].split()[1]) if lines[0] else 0
        self.headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()


def raw_request(port, data, timeout=10.0):
    """Sends `data` and reads until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return Response(b"".join(chunks))


def request(port, target, method="GET", host=None, headers=(), body=b""):
    host = "127.0.0.1:%d" % port if host is None else host
    lines = ["%s %s HTTP/1.1" % (method, target)]
    if host != "":
        lines.append("Host: " + host)
    lines += list(headers) + ["Connection: close", "", ""]
    return raw_request(port, "\r\n".join(lines).encode("utf-8") + body)


def cli_json(db, *args):
    return subprocess.run([PGRAPH, "--db", db, "--json", *args], check=True,
                          capture_output=True).stdout


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pgraph-serve-test-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([PGRAPH, "--db", cls.db, "init"], check=True, capture_output=True)
        subprocess.run([PGRAPH, "--db", cls.db, "import", hostile_fixture(cls.tmp)],
                       check=True, capture_output=True)
        cls.proc, cls.port, cls.banner = start_server(cls.db, "--header-timeout-ms", "1000")

    @classmethod
    def tearDownClass(cls):
        if cls.proc.poll() is None:
            cls.proc.kill()
            cls.proc.wait()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def get(self, target, **kwargs):
        return request(self.port, target, **kwargs)

    # --- what every response carries -------------------------------------
    def test_banner_names_the_loopback_url(self):
        self.assertIn("http://127.0.0.1:%d/" % self.port, self.banner)

    def test_page_has_csp_nosniff_and_no_cors(self):
        r = self.get("/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-security-policy"], CSP)
        self.assertEqual(r.headers["x-content-type-options"], "nosniff")
        self.assertTrue(r.headers["content-type"].startswith("text/html"))
        self.assertFalse([h for h in r.headers if h.startswith("access-control-")])
        self.assertIn(b"<html", r.body)

    def test_errors_and_api_carry_the_same_headers(self):
        for target in ["/api/find?q=ilo", "/nothing", "/api/entity/nobody-at-all"]:
            r = self.get(target, headers=["Origin: http://evil.example"])
            self.assertEqual(r.headers.get("content-security-policy"), CSP, target)
            self.assertEqual(r.headers.get("x-content-type-options"), "nosniff", target)
            self.assertFalse([h for h in r.headers if h.startswith("access-control-")], target)

    def test_head_gives_get_headers_without_body(self):
        get = self.get("/static/app.js")
        head = self.get("/static/app.js", method="HEAD")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.headers["content-length"], str(len(get.body)))
        self.assertEqual(head.body, b"")

    # --- DNS rebinding ---------------------------------------------------
    def test_host_must_be_ours(self):
        p = self.port
        for host, status in [("127.0.0.1:%d" % p, 200), ("localhost:%d" % p, 200),
                             ("LOCALHOST:%d" % p, 200), ("[::1]:%d" % p, 200),
                             ("evil.example:%d" % p, 421), ("evil.example", 421),
                             ("127.0.0.1", 421), ("127.0.0.1:%d" % (p + 1), 421),
                             ("localhost.evil.example:%d" % p, 421), ("127.0.0.2:%d" % p, 421),
                             ("", 421)]:
            self.assertEqual(self.get("/", host=host).status, status, host)
        self.assertEqual(self.get("/api/find?q=ilo", host="evil.example:%d" % p).status, 421)

    # --- methods, bodies, limits -----------------------------------------
    def test_only_get_and_head(self):
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO"]:
            r = self.get("/", method=method)
            self.assertEqual(r.status, 405, method)
            self.assertEqual(r.headers.get("allow"), "GET, HEAD", method)

    def test_no_request_bodies(self):
        r = self.get("/api/find?q=ilo", headers=["Content-Length: 5"], body=b"hello")
        self.assertEqual(r.status, 413)
        r = self.get("/api/find?q=ilo", headers=["Transfer-Encoding: chunked"],
                     body=b"5\r\nhello\r\n0\r\n\r\n")
        self.assertEqual(r.status, 413)
        r = self.get("/", method="POST", headers=["Content-Length: 100000000"])
        self.assertEqual(r.status, 405)

    def test_uri_limit(self):
        self.assertEqual(self.get("/api/find?q=" + "a" * 5000).status, 414)
        self.assertEqual(self.get("/api/find?q=" + "a" * 3000).status, 200)

    def test_header_limit(self):
        self.assertEqual(self.get("/", headers=["X-Big: " + "b" * 20000]).status, 431)
        many = ["X-H%d: v" % i for i in range(3000)]
        self.assertEqual(self.get("/", headers=many).status, 431)

    def test_slow_client_is_dropped(self):
        start = time.monotonic()
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.port)
            time.sleep(0.3)
            s.sendall(b"X-Slow: 1\r\n")  # and never the blank line
            data = s.recv(100)
        elapsed = time.monotonic() - start
        self.assertEqual(data, b"")  # closed without an answer
        self.assertLess(elapsed, 5.0)
        self.assertGreater(elapsed, 0.9)
        # The server still answers others.
        self.assertEqual(self.get("/").status, 200)

    # --- embedded files only ---------------------------------------------
    def test_path_traversal_finds_nothing(self):
        for target in ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                       "/static/..%2f..%2fetc%2fpasswd", "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                       "/static/%252e%252e/etc/passwd", "/static/..\\..\\etc\\passwd",
                       "/../../etc/passwd", "/static//etc/passwd", "/static/./app.js",
                       "/static/app.js/../../../etc/passwd", "/static/app.js%00.html",
                       "/etc/passwd", "//etc/passwd", "/static/", "/static",
                       "/static/../index.html", "/static/index.html/..",
                       "/CMakeLists.txt", "/static/../../CMakeLists.txt"]:
            r = self.get(target)
            self.assertEqual(r.status, 404, target)
            self.assertNotIn(b"root:", r.body, target)

    def test_embedded_files(self):
        for name, kind in [("app.js", "text/javascript"), ("style.css", "text/css")]:
            r = self.get("/static/" + name)
            self.assertEqual(r.status, 200, name)
            self.assertTrue(r.headers["content-type"].startswith(kind), name)
            with open(os.path.join(ROOT, "viz/web", name), "rb") as f:
                self.assertEqual(r.body, f.read(), name)

    # --- the API answers as pgraph --json does -----------------------------
    def test_api_matches_the_command_line(self):
        cases = [
            ("/api/find?q=ILO", ["find", "ILO"]),
            ("/api/find?q=%E4%BA%BA%E7%A4%BE%E9%83%A8", ["find", "人社部"]),
            ("/api/entity/ilo", ["show", "ilo"]),
            ("/api/entity/" + urllib.parse.quote("国际劳工组织"), ["show", "国际劳工组织"]),
            ("/api/path?from=china&to=cambodia", ["path", "china", "cambodia"]),
            ("/api/path?from=china&to=cambodia&all=1&types=mou,funds",
             ["path", "china", "cambodia", "--all", "--types", "mou,funds"]),
            ("/api/funds?funder=china", ["funds", "--funder", "china"]),
            ("/api/funds?funder=china&through=1", ["funds", "--funder", "china", "--through"]),
            ("/api/neighbours?entity=ilo&depth=1&as_of=2015",
             ["neighbours", "ilo", "--depth", "1", "--as-of", "2015"]),
            ("/api/query?q=" + urllib.parse.quote(
                "MATCH (a)-[r:mou]->(b {id: 'ilo'}) RETURN a, r ORDER BY a.id LIMIT 3"),
             ["query", "MATCH (a)-[r:mou]->(b {id: 'ilo'}) RETURN a, r ORDER BY a.id LIMIT 3"]),
        ]
        for target, args in cases:
            r = self.get(target)
            self.assertEqual(r.status, 200, target)
            self.assertTrue(r.headers["content-type"].startswith("application/json"), target)
            self.assertEqual(r.body, cli_json(self.db, *args), target)

    def test_view_dot_matches_pgraph_dot(self):
        cases = [
            ("around=ilo&depth=1", ["--around", "ilo", "--depth", "1"]),
            ("around=ilo&types=mou&as_of=2019&lang=both",
             ["--around", "ilo", "--types", "mou", "--as-of", "2019", "--lang", "both"]),
            ("from=china&to=cambodia", ["--path", "china", "cambodia"]),
            ("funding=1&funder=china", ["--funding", "--funder", "china"]),
        ]
        for query, args in cases:
            r = self.get("/api/view?format=dot&" + query)
            self.assertEqual(r.status, 200, query)
            dot = subprocess.run([PGRAPH, "--db", self.db, "dot", *args], check=True,
                                 capture_output=True).stdout
            self.assertEqual(r.body, dot, query)
            view = json.loads(self.get("/api/view?" + query).body)
            self.assertEqual(view["dot"].encode("utf-8"), dot, query)
            self.assertTrue(view["svg"].lstrip().startswith("<?xml"), query)

    def test_expand_merges_and_remove_drops(self):
        base = json.loads(self.get("/api/view?around=cn-mohrss&format=json").body)
        ids = [n["id"] for n in base["nodes"]]
        self.assertIn("ilo", ids)
        expanded = json.loads(self.get("/api/view?around=cn-mohrss&expand=ilo").body)
        ex_ids = [n["id"] for n in expanded["nodes"]]
        self.assertEqual(len(ex_ids), len(set(ex_ids)))  # never duplicated
        self.assertTrue(set(ids) < set(ex_ids))
        hood = json.loads(cli_json(self.db, "neighbours", "ilo"))
        self.assertTrue({n["id"] for n in hood["nodes"]} <= set(ex_ids))
        edge_ids = [e["id"] for e in expanded["edges"]]
        self.assertEqual(len(edge_ids), len(set(edge_ids)))
        removed = json.loads(self.get("/api/view?around=cn-mohrss&expand=ilo&remove=ilo").body)
        self.assertNotIn("ilo", [n["id"] for n in removed["nodes"]])
        self.assertFalse([e for e in removed["edges"] if "ilo" in (e["from"], e["to"])])

    def test_errors_are_json_with_status(self):
        r = self.get("/api/entity/nobody-at-all")
        self.assertEqual(r.status, 404)
        self.assertEqual(json.loads(r.body)["code"], "not_found")
        r = self.get("/api/view?around=ilo&types=nonsense")
        self.assertEqual(r.status, 400)
        r = self.get("/api/query?q=" + urllib.parse.quote("CREATE (n)"))
        self.assertEqual(r.status, 400)
        self.assertIn("read-only", json.loads(r.body)["error"])
        self.assertEqual(self.get("/api/nothing").status, 404)
        self.assertEqual(self.get("/api/find?q=%zz").status, 400)

    def test_hostile_names_stay_data(self):
        for around in ["country-x", "html-tags", "xml-sections", "evil-img"]:
            r = self.get("/api/view?lang=both&format=svg&around=" + around)
            self.assertEqual(r.status, 200, around)
            svg = r.body.decode("utf-8")
            self.assertNotIn("<script", svg.lower(), around)
            self.assertNotIn("<img", svg.lower(), around)
            self.assertNotIn("<svg onload", svg.lower(), around)
            self.assertNotIn("<![CDATA[ x", svg, around)
        svg = self.get("/api/view?format=svg&around=country-x").body.decode("utf-8")
        self.assertNotIn("<X>", svg)
        self.assertIn("&lt;&amp;&gt;", svg)
        r = self.get("/api/entity/evil-img")
        self.assertEqual(json.loads(r.body)["entity"]["name"]["en"], "<img src=x onerror=alert(1)>")
        found = json.loads(self.get("/api/find?q=" + urllib.parse.quote("<X>")).body)
        self.assertIn("country-x", [e["id"] for e in found])

    def test_import_while_serving_is_seen(self):
        before = json.loads(self.get("/api/find?q=zzqq").body)
        self.assertEqual(before, [])
        view = "/api/view?around=ilo&types=mou&format=dot"
        self.assertNotIn(b"zzqq-org", self.get(view).body)  # now drawn and kept
        path = os.path.join(self.tmp, "extra.json")
        with open(path, "w") as f:
            json.dump({"entities": [{"id": "zzqq-org", "kind": "igo",
                                     "name": {"en": "Zzqq Organisation"}}],
                       "relations": [{"id": "zzqq-mou", "type": "mou", "from": "zzqq-org",
                                      "to": "ilo", "since": "2020"}]}, f)
        subprocess.run([PGRAPH, "--db", self.db, "import", path], check=True, capture_output=True)
        deadline = time.monotonic() + 5
        found = []
        while time.monotonic() < deadline and not found:
            found = json.loads(self.get("/api/find?q=zzqq").body)
            time.sleep(0.1)
        self.assertEqual([e["id"] for e in found], ["zzqq-org"])
        # The picture kept from before the import is not served again.
        self.assertIn(b"zzqq-org", self.get(view).body)


class RenderHtmlTest(unittest.TestCase):
    """pgraph render --format html: one view as a page that needs nothing but itself."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pgraph-render-html-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([PGRAPH, "--db", cls.db, "init"], check=True, capture_output=True)
        subprocess.run([PGRAPH, "--db", cls.db, "import", hostile_fixture(cls.tmp)],
                       check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def render(self, *args):
        out = os.path.join(self.tmp, "view.html")
        subprocess.run([PGRAPH, "--db", self.db, "render", *args, "-o", out], check=True,
                       capture_output=True)
        with open(out, encoding="utf-8") as f:
            return f.read()

    @staticmethod
    def sha256(text):
        import base64
        import hashlib
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()

    def test_page_allows_only_its_own_script_and_style(self):
        page = self.render("--around", "cn-mohrss")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                        page).group(1)
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        styles = re.findall(r"<style>(.*?)</style>", page, re.S)
        self.assertEqual(len(scripts), 1)
        self.assertEqual(len(styles), 1)
        self.assertEqual(csp, "default-src 'none'; script-src 'sha256-%s'; style-src "
                         "'sha256-%s'; img-src data:; connect-src 'none'; base-uri 'none'; "
                         "form-action 'none'" % (self.sha256(scripts[0]), self.sha256(styles[0])))
        self.assertNotIn("unsafe", csp)
        # Nothing loads from anywhere: no external script, style, image or link.
        self.assertIsNone(re.search(r"<(script|link|img|iframe)[^>]*(src|href)=", page))
        self.assertNotIn("http://127.0.0.1", page)

    def test_page_holds_the_picture_of_pgraph_dot_and_the_records(self):
        page = self.render("--around", "cn-mohrss", "--format", "html")
        self.assertIn("<svg", page)
        self.assertNotIn("<?xml", page)
        data = json.loads(re.search(r'<script type="application/json" id="view-data">(.*?)'
                                    r"</script>", page, re.S).group(1))
        hood = json.loads(cli_json(self.db, "neighbours", "cn-mohrss"))
        self.assertEqual([e["id"] for e in data["entities"]],
                         sorted(n["id"] for n in hood["nodes"]))
        self.assertEqual([r["id"] for r in data["relations"]],
                         sorted(e["id"] for e in hood["edges"]))
        mou = [r for r in data["relations"] if r["type"] == "mou"][0]
        self.assertTrue(mou["source"]["quote"])
        dot = subprocess.run([PGRAPH, "--db", self.db, "dot", "--around", "cn-mohrss"],
                             check=True, capture_output=True, text=True).stdout
        titles = {html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", page)}
        nodes = re.findall(r'^  "([a-z0-9-]+)" \[', dot, re.M)
        self.assertIn("cn-mohrss", nodes)
        for node in nodes:
            self.assertIn(node, titles)

    def test_hostile_names_stay_text(self):
        page = self.render("--around", "evil-img", "--lang", "both")
        data = re.search(r'id="view-data">(.*?)</script>', page, re.S).group(1)
        self.assertNotIn("<", data)
        self.assertEqual(json.loads(data)["entities"][0]["name"]["en"],
                         "<img src=x onerror=alert(1)>")
        lowered = page.lower()
        for bad in ["<img", "<svg onload", "<script>alert", "</title><script"]:
            self.assertNotIn(bad, lowered, bad)

    def test_format_and_extension_must_agree(self):
        r = subprocess.run([PGRAPH, "--db", self.db, "render", "--around", "ilo", "--format",
                            "png", "-o", os.path.join(self.tmp, "x.svg")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("--format png but -o", r.stderr)


class LifecycleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pgraph-serve-life-")
        cls.db = os.path.join(cls.tmp, "db")
        subprocess.run([PGRAPH, "--db", cls.db, "init"], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_starts_fast_and_stops_cleanly_on_sigterm_and_sigint(self):
        for sig in [signal.SIGTERM, signal.SIGINT]:
            start = time.monotonic()
            proc, port, _ = start_server(self.db)
            self.assertLess(time.monotonic() - start, 1.0)
            self.assertEqual(request(port, "/api/find?q=ilo").status, 200)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=10)
            self.assertEqual(proc.returncode, 0, err)
            self.assertIn("Stopped.", out)

    def test_warns_when_not_loopback(self):
        proc, port, _ = start_server(self.db, "--bind", "0.0.0.0")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
        self.assertIn("not a loopback address", err)
        proc, port, _ = start_server(self.db, "--bind", "127.0.0.1")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
        self.assertNotIn("warning", err)

    def test_port_in_use_is_an_error(self):
        proc, port, _ = start_server(self.db)
        try:
            second = subprocess.run([PGRAPH, "--db", self.db, "serve", "--port", str(port)],
                                    capture_output=True, text=True, timeout=10)
            self.assertEqual(second.returncode, 1)
            self.assertIn("cannot listen", second.stderr)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pgraph", required=True)
    args, rest = parser.parse_known_args()
    PGRAPH = os.path.abspath(args.pgraph)
    unittest.main(argv=[sys.argv[0]] + rest)
