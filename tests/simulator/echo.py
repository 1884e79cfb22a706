"""A small site for the simulator's tests: it echoes what the handset sent, sets cookies,
redirects, and serves pages in a chosen charset and size."""
from __future__ import annotations

import io

from flask import Flask, Response, jsonify, redirect, request
from PIL import Image

from tests.checker.site import chtml


def create_echo_site() -> Flask:
    """Return the echo site."""
    site = Flask(__name__)
    #: (path, User-Agent) of every picture the site served
    site.config["PICTURES_SERVED"] = []

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

    @site.get("/signin")
    def signin() -> Response:
        """Serve a form with a password field, sent by POST to a redirect to /echo."""
        body = ('<html><body><form action="/redirect?to=/echo&amp;code=303" method="post">'
                '<input name="user" value=""><input type="password" name="pass" value="">'
                '<input type="hidden" name="token" value="t1">'
                '<input type="submit" value="go"></form></body></html>')
        return Response(body.encode("cp932"), content_type="text/html; charset=Shift_JIS")

    @site.get("/clean")
    def clean() -> Response:
        """Serve the checker's control page (clean for every handset), its text padded with
        "a" to ?bytes= in all: over a handset's limit it breaks that rule and no other."""
        page = chtml("ただのページです。", title="echo")
        padding = "a" * max(0, int(request.args.get("bytes", "0")) - len(page))
        return Response(chtml("ただのページです。" + padding, title="echo"),
                        content_type="text/html; charset=Shift_JIS")

    @site.get("/pictured")
    def pictured() -> Response:
        """Serve a page showing /picture.gif."""
        return Response(chtml('<img src="/picture.gif" alt="pic">', title="echo"),
                        content_type="text/html; charset=Shift_JIS")

    @site.get("/picture.gif")
    def picture() -> Response:
        """Serve a small GIF, and note who asked for it."""
        site.config["PICTURES_SERVED"].append((request.path, request.user_agent.string))
        data = io.BytesIO()
        Image.new("P", (16, 16)).save(data, "GIF")
        return Response(data.getvalue(), content_type="image/gif")

    return site
