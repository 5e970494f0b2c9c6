"""``face-of-another serve``: the Textual app in a browser, one ``play`` process per websocket,
behind bounds a hostile client cannot lift.

- ``limits``: the bounds (sessions, message size, input rate, memory, times, screen size);
- ``messages``: what a browser may send on the websocket, parsed and checked;
- ``origin``: which Host headers and websocket Origins are accepted;
- ``session``: one player's game process, fed and ended with its websocket;
- ``logs``: one log line per event, floods throttled;
- ``server``: the aiohttp server (textual-serve's, subclassed).
"""
