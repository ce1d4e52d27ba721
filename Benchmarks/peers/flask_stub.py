"""What a Python user would write instead of the emulator: Flask answering the same JSON
bytes on the same paths, with no store and no rules. BENCH_ROUTES names a file of
`path<TAB>body file` lines."""
import os

from flask import Flask, Response

app = Flask(__name__)
ROUTES = {}
with open(os.environ["BENCH_ROUTES"]) as routes:
    for line in routes:
        path, body_file = line.rstrip("\n").split("\t")
        with open(body_file, "rb") as body:
            ROUTES[path] = body.read()


@app.route("/<path:path>")
def answer(path):
    body = ROUTES.get("/" + path)
    if body is None:
        return Response('{"message":"Not Found"}', status=404, mimetype="application/json")
    return Response(body, mimetype="application/json")
