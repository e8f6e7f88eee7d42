"""A TCP proxy for tests, switched at any moment between forwarding, refusing and swallowing traffic, or losing
the answer to a given request."""

import socket
import struct
import threading

FORWARD, REFUSE, BLACK_HOLE, LOSE_ANSWERS = "forward", "refuse", "black hole", "lose answers"
RELAYING = (FORWARD, LOSE_ANSWERS)
RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 seconds: close() sends RST, not FIN


class TcpProxy:
    """Listens on 127.0.0.1:`port` and relays each connection to (target_host, target_port).

    - `forward()`: relay both ways;
    - `refuse()`: reset every open connection and stop listening, so a new one is refused (the port stays
      bound, not listening, and listens again on switching to any other mode);
    - `black_hole()`: keep connections and accept new ones, relay nothing and drop what arrives, so a client
      waits for an answer that never comes;
    - `lose_answers_after(marker)`: relay both ways until a client sends `marker`; relay that to the server, then
      become a black hole, so the server acts on it and no client hears back (from then on, as `black_hole()`);
    - healing with `forward()` resets the connections that lived through a black hole: bytes were lost on them.
    """

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode = FORWARD
        self.marker = b""
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()  # both ends of every relayed connection
        self._socket = self._bind(0)
        self.port = self._socket.getsockname()[1]
        self._listen()

    def __enter__(self) -> "TcpProxy":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def forward(self) -> None:
        self._switch(FORWARD)

    def refuse(self) -> None:
        self._switch(REFUSE)

    def black_hole(self) -> None:
        self._switch(BLACK_HOLE)

    def lose_answers_after(self, marker: bytes) -> None:
        """The marker must arrive in one read: a short request, such as b"COMMIT", does."""
        self.marker = marker
        self._switch(LOSE_ANSWERS)

    def close(self) -> None:
        self._switch(REFUSE)
        self._socket.close()

    def _switch(self, mode: str) -> None:
        with self._lock:
            before, self.mode = self.mode, mode
            if mode == REFUSE or (before, mode) == (BLACK_HOLE, FORWARD):
                for end in self._open:
                    _close(end, reset=True)
                self._open.clear()
            if mode == REFUSE and before != REFUSE:
                _close(self._socket, reset=False)  # wakes the accept loop, which ends
                self._socket = self._bind(self.port)  # at once: nothing else takes the port
            elif mode != REFUSE and before == REFUSE:
                self._listen()

    @staticmethod
    def _bind(port: int) -> socket.socket:
        bound = socket.socket()
        bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        bound.bind(("127.0.0.1", port))
        return bound

    def _listen(self) -> None:
        self._socket.listen(64)
        threading.Thread(target=self._accept, args=(self._socket,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the listener was closed: refused
                return
            with self._lock:
                self._open.add(client)
                mode = self.mode
            threading.Thread(target=self._serve, args=(client, mode), daemon=True).start()

    def _serve(self, client: socket.socket, mode: str) -> None:
        if mode not in RELAYING:
            return self._pump(client, None)  # a black hole: read and drop, answer nothing
        try:
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            return self._end(client, None)
        with self._lock:
            if client not in self._open:  # reset while connecting
                upstream.close()
                return
            self._open.add(upstream)
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
        self._pump(client, upstream, to_server=True)

    def _pump(self, source: socket.socket, sink: socket.socket | None, to_server: bool = False) -> None:
        try:
            while data := source.recv(65536):
                if sink is None:
                    continue
                if to_server and self.mode == LOSE_ANSWERS and self.marker in data:
                    self._switch(BLACK_HOLE)  # first, so that not a byte of the answer gets back
                    sink.sendall(data)
                elif self.mode in RELAYING:
                    sink.sendall(data)
        except OSError:
            pass
        self._end(source, sink)

    def _end(self, *ends: socket.socket | None) -> None:
        with self._lock:
            for end in ends:
                if end is not None and end in self._open:
                    self._open.discard(end)
                    _close(end, reset=False)


def _close(end: socket.socket, reset: bool) -> None:
    """Close `end` and wake any thread blocked reading it; with `reset`, the peer gets an RST."""
    try:
        if reset:
            end.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)
        end.shutdown(socket.SHUT_RD if reset else socket.SHUT_RDWR)  # SHUT_RD sends nothing, then RST
    except OSError:
        pass
    end.close()
