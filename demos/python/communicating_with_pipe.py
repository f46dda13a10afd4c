# SPDX-License-Identifier: MIT
"""pipe: numbers go into one pipe, their squares come back through another;
end of file arrives only when every copy of a sending end is closed."""

import multiprocessing


def produce(pipe):
    out_end, _ = pipe
    for number in range(10):
        out_end.send(number)
    out_end.close()


def square(pipe_in, pipe_out):
    send_end, recv_end = pipe_in
    send_end.close()  # our copy of the sending end would keep EOF away
    out_end, _ = pipe_out
    try:
        while True:
            number = recv_end.recv()
            out_end.send(number * number)
    except EOFError:
        out_end.close()


if __name__ == "__main__":
    numbers = multiprocessing.Pipe(True)
    producer = multiprocessing.Process(target=produce, args=(numbers,))
    producer.start()
    squares = multiprocessing.Pipe(True)
    squarer = multiprocessing.Process(target=square, args=(numbers, squares))
    squarer.start()
    numbers[0].close()
    numbers[1].close()
    squares[0].close()
    try:
        while True:
            print(squares[1].recv())
    except EOFError:
        print("End")
