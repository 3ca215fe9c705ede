#!/usr/bin/python3
"""Control of the authdoctor real-stack lab: start, stop and list the cases in lab/cases/.

Each case is a directory with a case.json (see lab/README.md). Its `run` section names
  - "nginx": true       the case's server blocks are in lab/cases/NAME/nginx.conf,
  - "services": [...]   shared processes it uses ("redis", "spring"),
  - "apps": [...]       its own app instances: {"name", "kind", "port", "env_files", "args"}.
One nginx, one Redis and one Spring Boot process are shared by all cases that need them:
each user is a file in RUN/shared/SERVICE/users/, and the last case to go stops the process.
Every process is started in its own session, recorded in a pid file and stopped by that PID.
"""
import fcntl
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

LAB = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(LAB)
RUN = os.environ.get("AUTHDOCTOR_LAB_RUN", "/tmp/authdoctor-lab")
PKI = os.path.join(RUN, "pki")
CA_PEM = os.path.join(PKI, "ca.pem")
NGINX_DIR = os.path.join(RUN, "shared", "nginx")
REDIS_PORT = 18990
SPRING_PORT = 18981
OIDC_PORT = 18982        # mock-oauth2-server itself
OIDC_TLS_PORT = 18980    # nginx in front of it: https://idp.lab.test:18980
KEYCLOAK_PORT = 18983    # Keycloak's plain http; each case publishes it under its own https name
KEYCLOAK_MGMT_PORT = 18984
KEYCLOAK_TIMEOUT = float(os.environ.get("AUTHDOCTOR_LAB_KEYCLOAK_TIMEOUT", "420"))  # 30 s on an idle 2-core machine, 250 s seen under a load of 28
PY = "/usr/bin/python3"
START_TIMEOUT = float(os.environ.get("AUTHDOCTOR_LAB_TIMEOUT", "60"))


# ---------------------------------------------------------------- cases

def case_names():
    d = os.path.join(LAB, "cases")
    return sorted(n for n in os.listdir(d) if os.path.isfile(os.path.join(d, n, "case.json")))


def load_case(name):
    path = os.path.join(LAB, "cases", name, "case.json")
    if not os.path.isfile(path):
        sys.exit(f"lab: no such case: {name} (see lab/list)")
    with open(path) as f:
        return json.load(f)


def case_dir(name):
    return os.path.join(RUN, "cases", name)


# ---------------------------------------------------------------- processes

def pid_alive(pidfile):
    try:
        with open(pidfile) as f:
            pid = int(f.read().split()[0])
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:
            if f.read().split(") ", 1)[1].startswith("Z"):
                return None
        return pid
    except (OSError, ValueError, IndexError):
        return None


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def http_ready(port):
    """Any HTTP answer below 500 from /healthz: the app (not just its listening socket) is up."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        c.request("GET", "/healthz")
        return c.getresponse().status < 500
    except OSError:
        return False
    finally:
        c.close()


def wait_until(pred, what, log=None, pidfile=None, timeout=None):
    timeout = timeout or START_TIMEOUT
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        if pidfile and not pid_alive(pidfile):
            fail(f"{what}: process exited", log)
        time.sleep(0.05)
    fail(f"{what}: not ready after {timeout:.0f} s", log)


class StartFailed(Exception):
    pass


def fail(msg, log=None):
    tail = ""
    if log and os.path.exists(log):
        with open(log, errors="replace") as f:
            tail = "".join(f.readlines()[-30:])
        tail = f"\n--- tail of {log}\n{tail}---"
    raise StartFailed(msg + tail)


def port_free(port, what):
    """Ports are fixed per case: a port already taken means another lab run (or another
    program) holds it, and starting anyway would talk to the wrong process."""
    if port_open(port):
        raise StartFailed(f"{what}: port {port} is already in use by another process "
                          f"(another lab run? see `ss -ltnp | grep {port}`)")


def spawn(cmd, pidfile, log, env, cwd=REPO):
    os.makedirs(os.path.dirname(pidfile), exist_ok=True)
    os.makedirs(os.path.dirname(log), exist_ok=True)
    with open(log, "ab") as out:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=subprocess.STDOUT, start_new_session=True)
    with open(pidfile, "w") as f:
        f.write(f"{p.pid}\n")
    return p.pid


def stop_pidfile(pidfile, grace=10.0):
    """SIGTERM the process (and its session: gunicorn workers, npm children), then SIGKILL."""
    pid = pid_alive(pidfile)
    if pid:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            except PermissionError:
                os.kill(pid, sig)
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and pid_alive(pidfile):
                time.sleep(0.05)
            if not pid_alive(pidfile):
                break
    if os.path.exists(pidfile):
        os.remove(pidfile)


def base_env():
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": RUN, "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}


def read_env_file(path):
    env = {}
    with open(os.path.join(REPO, path)) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                v = v.strip()
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
                    v = v[1:-1]
                env[k.strip()] = v
    return env


# ---------------------------------------------------------------- pki

def ensure_pki():
    """A CA per run, and a server certificate for every host named in a case.json; the
    certificate is reissued (same CA) when a case brings a new host."""
    os.makedirs(PKI, exist_ok=True)
    hosts = {"lab.test", "*.lab.test", "localhost", "other.test", "*.other.test"}
    for n in case_names():
        for r in load_case(n).get("resolve", []):
            hosts.add(r.split(":")[0])
    san = ",".join(["IP:127.0.0.1"] + [f"DNS:{h}" for h in sorted(hosts)])

    def ssl(*args):
        subprocess.run(["openssl", *args], cwd=PKI, check=True, capture_output=True)
    if not os.path.exists(CA_PEM):
        ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem.tmp", "-days", "30",
            "-subj", "/CN=authdoctor lab CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        os.rename(os.path.join(PKI, "ca.pem.tmp"), CA_PEM)
    ext = (f"basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
           f"extendedKeyUsage=serverAuth\nsubjectAltName={san}\n")
    ext_file = os.path.join(PKI, "server.ext")
    if os.path.exists(os.path.join(PKI, "server.pem")) and os.path.exists(ext_file):
        with open(ext_file) as f:
            if f.read() == ext:
                return
    with open(ext_file, "w") as f:
        f.write(ext)
    ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=lab.test")
    ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "30", "-extfile", "server.ext")


# ---------------------------------------------------------------- shared services

def users_dir(service):
    return os.path.join(RUN, "shared", service, "users")


def users(service):
    d = users_dir(service)
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def nginx_conf():
    conf = os.path.join(NGINX_DIR, "nginx.conf")
    os.makedirs(os.path.join(NGINX_DIR, "sites"), exist_ok=True)
    temp = os.path.join(NGINX_DIR, "tmp")
    os.makedirs(temp, exist_ok=True)
    with open(conf, "w") as f:
        f.write(f"""# generated by lab/labctl.py: the lab's one nginx; each case adds its server blocks
worker_processes 1;
daemon off;
pid {NGINX_DIR}/nginx.pid;
error_log {NGINX_DIR}/error.log info;
events {{ worker_connections 512; }}
http {{
    access_log {NGINX_DIR}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {NGINX_DIR}/sites/*.conf;
}}
""")
    return conf


def nginx_cmd(*args):
    return ["/usr/sbin/nginx", "-e", os.path.join(NGINX_DIR, "error.log"), "-p", NGINX_DIR,
            "-c", os.path.join(NGINX_DIR, "nginx.conf"), *args]


def nginx_reload_empty():
    """Keeps nginx running without any case (the sites directory is empty): it then
    listens nowhere until the next case's reload."""
    pid = pid_alive(os.path.join(NGINX_DIR, "nginx.pid.lab"))
    if pid:
        os.kill(pid, signal.SIGHUP)


def nginx_apply():
    """Start nginx, reload it with the current set of sites, or stop it when none is left."""
    pidfile = os.path.join(NGINX_DIR, "nginx.pid.lab")
    log = os.path.join(NGINX_DIR, "error.log")
    if not users("nginx"):
        stop_pidfile(pidfile)
        return
    conf = nginx_conf()
    t = subprocess.run(nginx_cmd("-t", "-q"), capture_output=True, text=True)
    if t.returncode != 0:
        raise StartFailed("nginx -t failed:\n" + t.stderr)
    pid = pid_alive(pidfile)
    if pid:
        os.kill(pid, signal.SIGHUP)
    else:
        spawn(nginx_cmd(), pidfile, os.path.join(NGINX_DIR, "nginx.out"), base_env())


def start_redis():
    d = os.path.join(RUN, "shared", "redis")
    pidfile, log = os.path.join(d, "redis.pid"), os.path.join(d, "redis.log")
    if pid_alive(pidfile):
        return
    port_free(REDIS_PORT, "redis")
    # Persistent (append-only file), no maxmemory: the healthy twins' store must not lose sessions.
    spawn(["/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
           "--appendonly", "yes", "--dir", d, "--protected-mode", "yes"], pidfile, log, base_env())
    wait_until(lambda: port_open(REDIS_PORT), "redis", log, pidfile)


def java_bin():
    jdk = "/usr/lib/jvm/temurin-25-jdk-amd64"
    if not os.path.exists(jdk + "/bin/java"):
        jdk = os.environ.get("JAVA_HOME", "/usr")
    return jdk + "/bin/java"


def start_oidc():
    """The lab's OIDC provider: mock-oauth2-server (lab/apps/oidc), plain http on 127.0.0.1; its
    https face is nginx's idp.lab.test:18980 (lab/apps/oidc/nginx.conf, a site of the shared nginx
    while any case uses the provider)."""
    d = os.path.join(RUN, "shared", "oidc")
    pidfile, log = os.path.join(d, "oidc.pid"), os.path.join(d, "oidc.log")
    if pid_alive(pidfile):
        return
    port_free(OIDC_PORT, "oidc")
    lib = os.path.join(LAB, "apps", "oidc", "target", "lib")
    if not os.path.isdir(lib):
        raise StartFailed("lab: the OIDC provider is missing: run lab/install")
    with open(os.path.join(LAB, "apps", "oidc", "config.json")) as f:
        config = f.read()
    env = base_env() | {"SERVER_HOSTNAME": "127.0.0.1", "SERVER_PORT": str(OIDC_PORT),
                        "JSON_CONFIG": config}
    spawn([java_bin(), "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx128m", "-cp", lib + "/*",
           "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"], pidfile, log, env)
    wait_until(lambda: oidc_ready(), "oidc", log, pidfile)


def oidc_ready():
    c = http.client.HTTPConnection("127.0.0.1", OIDC_PORT, timeout=2)
    try:
        c.request("GET", "/lab/.well-known/openid-configuration")
        return c.getresponse().status == 200
    except OSError:
        return False
    finally:
        c.close()


def keycloak_home():
    d = os.path.join(LAB, "apps", "keycloak", "target")
    homes = sorted(n for n in os.listdir(d) if n.startswith("keycloak-")) if os.path.isdir(d) else []
    return os.path.join(d, homes[-1]) if homes else None


def keycloak_client_secret():
    """The confidential client's secret (client lab-web of every realm): one random value per run,
    given to Keycloak's realm import and to the apps of the cases that use Keycloak."""
    path = os.path.join(RUN, "shared", "keycloak", "client-secret")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(secrets.token_hex(24))
    with open(path) as f:
        return f.read()


def start_keycloak():
    """Keycloak 26 (lab/apps/keycloak): the optimized server lab/install built (dev-file database,
    local caches), plain http on 127.0.0.1:18983, trusting X-Forwarded-* from the proxy; a fresh
    database at each start, into which the realms of lab/apps/keycloak/realms are imported. Each
    case publishes it through the shared nginx under its own https name and port."""
    d = os.path.join(RUN, "shared", "keycloak")
    pidfile, log = os.path.join(d, "keycloak.pid"), os.path.join(d, "keycloak.log")
    if pid_alive(pidfile):
        return
    port_free(KEYCLOAK_PORT, "keycloak")
    home = keycloak_home()
    if not home or not os.path.exists(os.path.join(LAB, "apps", "keycloak", "target", ".src-hash")):
        raise StartFailed("lab: Keycloak is missing or not built: run lab/install")
    data = os.path.join(home, "data")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(os.path.join(data, "import"))
    realms = os.path.join(LAB, "apps", "keycloak", "realms")
    for r in os.listdir(realms):
        shutil.copy(os.path.join(realms, r), os.path.join(data, "import", r))
    jdk = os.path.dirname(os.path.dirname(java_bin()))
    env = base_env() | {
        "JAVA_HOME": jdk, "JAVA_OPTS_APPEND": "-XX:TieredStopAtLevel=1",
        "KC_HTTP_ENABLED": "true", "KC_HTTP_HOST": "127.0.0.1", "KC_HTTP_PORT": str(KEYCLOAK_PORT),
        "KC_HTTP_MANAGEMENT_PORT": str(KEYCLOAK_MGMT_PORT), "KC_CACHE": "local",
        "KC_PROXY_HEADERS": "xforwarded", "KC_HOSTNAME_STRICT": "false",
        "LAB_KC_CLIENT_SECRET": keycloak_client_secret()}
    spawn([os.path.join(home, "bin", "kc.sh"), "start", "--optimized", "--import-realm"],
          pidfile, log, env)
    wait_until(keycloak_ready, "keycloak", log, pidfile, KEYCLOAK_TIMEOUT)


def keycloak_ready():
    c = http.client.HTTPConnection("127.0.0.1", KEYCLOAK_PORT, timeout=2)
    try:
        c.request("GET", "/realms/lab/.well-known/openid-configuration")
        return c.getresponse().status == 200
    except OSError:
        return False
    finally:
        c.close()


def start_spring():
    d = os.path.join(RUN, "shared", "spring")
    pidfile, log = os.path.join(d, "spring.pid"), os.path.join(d, "spring.log")
    if pid_alive(pidfile):
        return
    port_free(SPRING_PORT, "spring")
    jar = os.path.join(LAB, "apps", "spring", "target", "lab-spring.jar")
    if not os.path.exists(jar):
        raise StartFailed("lab: the Spring jar is missing: run lab/install")
    env = base_env() | read_env_file("lab/apps/spring/spring.env")
    env |= {"LAB_PORT": str(SPRING_PORT), "LAB_REDIS_PORT": str(REDIS_PORT)}
    spawn([java_bin(), "-XX:TieredStopAtLevel=1",
           "-Xss512k", "-Xmx256m", "-jar", jar], pidfile, log, env)
    wait_until(lambda: http_ready(SPRING_PORT), "spring", log, pidfile)


SERVICES = {"redis": (start_redis, os.path.join(RUN, "shared", "redis", "redis.pid")),
            "spring": (start_spring, os.path.join(RUN, "shared", "spring", "spring.pid")),
            "oidc": (start_oidc, os.path.join(RUN, "shared", "oidc", "oidc.pid")),
            "keycloak": (start_keycloak, os.path.join(RUN, "shared", "keycloak", "keycloak.pid"))}
# Spring keeps its sessions in Redis: start Redis first, stop Spring first.
ORDER = ["redis", "spring", "oidc", "keycloak"]
OIDC_SITE = "_oidc"  # the provider's nginx site (sites/_oidc.conf), present while it has users


# ---------------------------------------------------------------- apps

def app_cmd(app, name):
    kind, port = app["kind"], str(app["port"])
    # lab/... arguments name files of the repository (a gunicorn config, say)
    app = dict(app, args=[os.path.join(REPO, a) if a.startswith("lab/") else a
                          for a in app.get("args", [])])
    if kind in ("flask", "django", "tokenapi", "oauthapp", "hub", "tokenlogin", "djadmin"):
        target = {"django": "labsite:application", "djadmin": "adminsite:application"}.get(kind, "app:app")
        return ["/usr/bin/gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                "--chdir", os.path.join(LAB, "apps", kind), "--name", f"lab-{name}-{app['name']}",
                *app.get("args", []), target]
    if kind == "fastapi":
        return [PY, "-m", "uvicorn", "--host", "127.0.0.1", "--port", port, "--app-dir",
                os.path.join(LAB, "apps", "fastapi"), "--no-access-log", *app.get("args", []),
                "app:app"]
    if kind == "spring-api":
        return [java_bin(), "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx192m", "-jar",
                os.path.join(LAB, "apps", "spring-api", "target", "lab-spring-api.jar"),
                *app.get("args", [])]
    if kind == "express":
        return ["/usr/bin/node", os.path.join(LAB, "node", "app.js"), *app.get("args", [])]
    if kind == "apache":
        return ["/usr/sbin/apache2", "-f", os.path.join(LAB, "apps", "apache", "httpd.conf"), "-DFOREGROUND",
                "-c", f"Include {os.path.join(LAB, 'cases', name, 'apache.conf')}", *app.get("args", [])]
    if kind == "react":
        return ["/usr/bin/node", os.path.join(LAB, "node", "dashboard.js"), *app.get("args", [])]
    raise SystemExit(f"lab: unknown app kind {kind}")


def start_app(name, app):
    d = case_dir(name)
    pidfile = os.path.join(d, "pids", app["name"] + ".pid")
    log = os.path.join(d, "logs", app["name"] + ".log")
    if pid_alive(pidfile):
        return
    port_free(app["port"], f"{name}/{app['name']}")
    env = base_env()
    for f in app.get("env_files", []):
        env |= read_env_file(f)
    # Secrets kept out of the repository: one random value per run, shared by the instances.
    for var in c_run(name).get("secrets", []):
        env[var] = run_secret(name, var)
    # ... or one per instance, for instances that are different apps
    for var in app.get("secrets", []):
        env[var] = run_secret(name, f"{app['name']}-{var}")
    env |= {"PORT": str(app["port"]), "LAB_CASE": name, "LAB_CASE_DIR": case_dir(name),
            "LAB_INSTANCE": app["name"], "LAB_CA": CA_PEM,
            "LAB_REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0"}
    if app["kind"] in ("django", "djadmin"):
        env["DJANGO_SETTINGS_MODULE"] = "labsite" if app["kind"] == "django" else "adminsite"
    if app["kind"] == "apache":
        env |= {"LAB_CASE_DIR": case_dir(name), "LAB_APACHE_DIR": os.path.join(LAB, "apps", "apache")}
    if "keycloak" in c_run(name).get("services", []):
        env["LAB_CLIENT_SECRET"] = keycloak_client_secret()
    spawn(app_cmd(app, name), pidfile, log, env)


def c_run(name):
    return load_case(name).get("run", {})


def run_secret(name, var):
    path = os.path.join(case_dir(name), "secrets", var)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(secrets.token_hex(32))
    with open(path) as f:
        return f.read()


def wait_apps(name, apps):
    d = case_dir(name)
    for app in apps:
        log = os.path.join(d, "logs", app["name"] + ".log")
        pidfile = os.path.join(d, "pids", app["name"] + ".pid")
        wait_until(lambda: http_ready(app["port"]), f"{name}/{app['name']} on port {app['port']}",
                   log, pidfile)


def stop_apps(name, only=None):
    pids = os.path.join(case_dir(name), "pids")
    if os.path.isdir(pids):
        for f in sorted(os.listdir(pids)):
            if only is None or f[:-4] in only:
                stop_pidfile(os.path.join(pids, f))


# ---------------------------------------------------------------- up / down

def is_up(name):
    return os.path.exists(os.path.join(case_dir(name), "up"))


def up(name):
    c = load_case(name)
    run = c.get("run", {})
    d = case_dir(name)
    os.makedirs(d, exist_ok=True)
    alive = ([os.path.join(d, "pids", a["name"] + ".pid") for a in run.get("apps", [])]
             + [SERVICES[s][1] for s in run.get("services", [])]
             + ([os.path.join(NGINX_DIR, "nginx.pid.lab")] if run.get("nginx") else []))
    if is_up(name) and all(pid_alive(p) for p in alive):
        return c
    try:
        for s in ORDER:
            if s in run.get("services", []):
                os.makedirs(users_dir(s), exist_ok=True)
                open(os.path.join(users_dir(s), name), "w").close()
                SERVICES[s][0]()
        for app in run.get("apps", []):
            start_app(name, app)
        if run.get("nginx"):
            if not os.path.exists(os.path.join(NGINX_DIR, "sites", name + ".conf")):
                for port in run.get("ports", []):
                    port_free(port, f"{name} (nginx)")
            ensure_pki()
            os.makedirs(users_dir("nginx"), exist_ok=True)
            os.makedirs(os.path.join(NGINX_DIR, "sites"), exist_ok=True)
            # The case's own file, with its run-directory paths (certificates, caches) moved to
            # this run's directory when AUTHDOCTOR_LAB_RUN is not the default.
            write_site(name, os.path.join(LAB, "cases", name, "nginx.conf"))
            open(os.path.join(users_dir("nginx"), name), "w").close()
            if "oidc" in run.get("services", []):
                write_site(OIDC_SITE, os.path.join(LAB, "apps", "oidc", "nginx.conf"))
            nginx_apply()
        wait_apps(name, run.get("apps", []))
        for port in run.get("ports", []):
            wait_until(lambda: port_open(port), f"nginx port {port} of {name}",
                       os.path.join(NGINX_DIR, "error.log"))
    except BaseException:
        down(name)
        raise
    open(os.path.join(d, "up"), "w").close()
    return c


def write_site(site, path):
    """nginx site file: a case's (or the provider's) config, its run-directory paths
    (certificates, caches) moved to this run's directory when AUTHDOCTOR_LAB_RUN is not the default,
    and @LAB@ (static files of the repository, e.g. a frontend's page) replaced by lab/'s path."""
    with open(path) as src:
        conf = src.read().replace("/tmp/authdoctor-lab/", RUN.rstrip("/") + "/").replace("@LAB@", LAB)
    with open(os.path.join(NGINX_DIR, "sites", site + ".conf"), "w") as f:
        f.write(f"# {path}\n{conf}")


def down(name, keep_shared=False):
    """Stops the case; shared processes no case uses any more stop too, unless keep_shared
    (a test run that will start more cases: `lab/down --idle` stops them at its end)."""
    run = load_case(name).get("run", {})
    stop_apps(name)
    if run.get("nginx"):
        last_oidc = ("oidc" in run.get("services", [])
                     and users("oidc") in ([], [name]))
        for p in (os.path.join(NGINX_DIR, "sites", name + ".conf"),
                  os.path.join(users_dir("nginx"), name)) + (
                (os.path.join(NGINX_DIR, "sites", OIDC_SITE + ".conf"),) if last_oidc else ()):
            if os.path.exists(p):
                os.remove(p)
        if users("nginx") or not keep_shared:
            nginx_apply()
        else:
            nginx_reload_empty()
    for s in reversed(ORDER):
        u = os.path.join(users_dir(s), name)
        if os.path.exists(u):
            os.remove(u)
            if not users(s) and not keep_shared:
                stop_pidfile(SERVICES[s][1])
    if os.path.exists(os.path.join(case_dir(name), "up")):
        os.remove(os.path.join(case_dir(name), "up"))
    for sub in ("secrets", "cache"):
        shutil.rmtree(os.path.join(case_dir(name), sub), ignore_errors=True)
    for port in run.get("ports", []) + [a["port"] for a in run.get("apps", [])]:
        deadline = time.monotonic() + 10
        while port_open(port) and time.monotonic() < deadline:
            time.sleep(0.05)


def down_idle():
    """Stops the shared processes that no running case uses."""
    if not users("nginx"):
        stop_pidfile(os.path.join(NGINX_DIR, "nginx.pid.lab"))
    for s in reversed(ORDER):
        if not users(s):
            stop_pidfile(SERVICES[s][1])


def down_all():
    for n in case_names():
        if os.path.isdir(case_dir(n)):
            down(n)
    # whatever is left (a case removed from lab/cases while running, a crashed run)
    for s in ORDER:
        stop_pidfile(SERVICES[s][1])
    stop_pidfile(os.path.join(NGINX_DIR, "nginx.pid.lab"))
    site = os.path.join(NGINX_DIR, "sites", OIDC_SITE + ".conf")
    if os.path.exists(site):
        os.remove(site)
    shutil.rmtree(PKI, ignore_errors=True)


def info(name):
    c = load_case(name)
    return {"name": name, "base_url": c["base_url"], "resolve": c["resolve"], "cacert": CA_PEM,
            "logs": os.path.join(case_dir(name), "logs"), "up": is_up(name)}


def print_info(name):
    i = info(name)
    pins = " ".join(f"--resolve {r}" for r in i["resolve"])
    print(f"{name}: up\n  base_url {i['base_url']}\n  resolve  {' '.join(i['resolve'])}\n"
          f"  cacert   {i['cacert']}\n  try      curl --cacert {i['cacert']} {pins} "
          f"{i['base_url']}/login")


# ---------------------------------------------------------------- commands

def locked(fn):
    os.makedirs(RUN, exist_ok=True)
    with open(os.path.join(RUN, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return fn()


def cmd_up(args):
    as_json = "--json" in args
    names = [a for a in args if not a.startswith("--")]
    if "--all" in args:
        names = case_names()
    if not names:
        sys.exit("usage: lab/up [--json] NAME... | --all")
    out = []
    for n in names:
        t0 = time.monotonic()
        try:
            locked(lambda: up(n))
        except StartFailed as e:
            print(f"lab/up {n}: FAILED: {e}", file=sys.stderr)
            sys.exit(1)
        if as_json:
            out.append(info(n))
        else:
            print_info(n)
            print(f"  started in {time.monotonic() - t0:.1f} s")
    if as_json:
        print(json.dumps(out if len(out) != 1 else out[0], indent=2))


def cmd_down(args):
    if "--all" in args:
        locked(down_all)
        return
    if "--idle" in args:
        locked(down_idle)
        return
    keep = "--keep-shared" in args
    names = [a for a in args if not a.startswith("--")]
    if not names:
        sys.exit("usage: lab/down [--keep-shared] NAME... | --idle | --all")
    for n in names:
        locked(lambda: down(n, keep))


def cmd_restart(args):
    """Restart a case's app instances (all, or those named): a deploy, as far as sessions go."""
    if not args:
        sys.exit("usage: lab/restart NAME [INSTANCE...]")
    name, only = args[0], (args[1:] or None)
    c = load_case(name)
    if not is_up(name):
        sys.exit(f"lab/restart: {name} is not up")
    apps = [a for a in c["run"].get("apps", []) if only is None or a["name"] in only]
    def restart():
        stop_apps(name, [a["name"] for a in apps])
        for a in apps:
            deadline = time.monotonic() + 10
            while port_open(a["port"]) and time.monotonic() < deadline:
                time.sleep(0.05)
            start_app(name, a)
        wait_apps(name, apps)
    try:
        locked(restart)
    except StartFailed as e:
        print(f"lab/restart {name}: FAILED: {e}", file=sys.stderr)
        sys.exit(1)


def cmd_list(args):
    cases = [load_case(n) for n in case_names()]
    if "--json" in args:
        print(json.dumps(cases, indent=2))
        return
    rows = [("NAME", "STACK", "HEALTHY", "EXPECT", "STATE", "BASE_URL")]
    for c in cases:
        rows.append((c["name"], c["stack"], "yes" if c["healthy"] else "no",
                     ",".join(c["expect_errors"]) or "-", "up" if is_up(c["name"]) else "down",
                     c["base_url"]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"up": cmd_up, "down": cmd_down, "list": cmd_list, "restart": cmd_restart}[cmd](args)


if __name__ == "__main__":
    main()
