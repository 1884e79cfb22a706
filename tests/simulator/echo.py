"""A small site for the simulator's tests: it echoes what the handset sent, sets cookies,
redirects, and serves pages in a chosen charset and size."""
from __future__ import annotations

from flask import Flask, Response, jsonify, redirect, request


def create_echo_site() -> Flask:
    """Return the echo site."""
    site = Flask(__name__)

    @site.route("/echo", methods=["GET", "POST"])
    def echo() -> Response:
        return jsonify(method=request.method, url=request.url, headers=dict(request.headers),
                       body=request.get_data().decode("latin-1"))

    @site.get("/cookie")
    def cookie() -> Response:
        response = jsonify(cookie=request.headers.get("Cookie"))
        response.set_cookie("visit", "1", httponly=True)
        return response

    @site.route("/redirect", methods=["GET", "POST"])
    def moved() -> Response:
        return redirect(request.args["to"], code=int(request.args.get("code", "302")))

    @site.get("/page")
    def page() -> Response:
        """Serve ?bytes=N of HTML, or the bytes posted to /pages under ?name= as they are."""
        size = int(request.args.get("bytes", "100"))
        head = b"<html><body><p>"
        body = head + b"a" * max(0, size - len(head) - 18) + b"</p></body></html>"
        return Response(body, content_type="text/html; charset=Shift_JIS")

    @site.get("/raw")
    def raw() -> Response:
        """Serve ?hex= bytes with ?type= as the Content-Type."""
        data = bytes.fromhex(request.args.get("hex", ""))
        return Response(data, content_type=request.args.get("type", "text/html"))

    @site.get("/utn")
    def utn() -> Response:
        body = ('<html><body><a href="/echo?guid=ON" utn accesskey="1">ID</a>'
                '<a href="/echo">plain</a>'
                '<form action="/echo" method="post" utn><input name="q" value="x">'
                '<input type="submit" value="send"></form></body></html>')
        return Response(body.encode("cp932"), content_type="text/html; charset=Shift_JIS")

    return site
