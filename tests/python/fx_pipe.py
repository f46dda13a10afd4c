# SPDX-License-Identifier: MIT
"""Pipes: a duplex pipe passed to a child (send/recv both ways), a one-way
pipe read to EOF after every sending end is closed, and a Queue whose
internal pipe must stay silent."""

import multiprocessing as mp

import fx_common


def echo(conn):
    while True:
        value = conn.recv()
        if value is None:
            break
        conn.send(value * 2)
    conn.close()


def writer(w):
    for i in range(3):
        w.send(i)
    w.close()


if __name__ == "__main__":
    fx_common.method()
    here, there = mp.Pipe()
    p = mp.Process(target=echo, args=(there,))
    p.start()
    for i in range(2):
        here.send(i + 1)
        print("echo", here.recv())
    here.send(None)
    p.join()
    r, w = mp.Pipe(duplex=False)
    q = mp.Process(target=writer, args=(w,))
    q.start()
    w.close()
    got = []
    try:
        while True:
            got.append(r.recv())
    except EOFError:
        print("eof after", got)
    q.join()
