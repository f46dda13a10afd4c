/* SPDX-License-Identifier: MIT */
/*
 * The multiprocessing-like C API in one include: what a demo needs to read
 * like its Python twin (Process, print, sleep, Lock, Pipe, Queue, Barrier,
 * Pool, Namespace).
 */
#ifndef PS_MP_MP_H
#define PS_MP_MP_H

#include "mp/barrier.h"
#include "mp/lock.h"
#include "mp/namespace.h"
#include "mp/pipe.h"
#include "mp/pool.h"
#include "mp/print.h"
#include "mp/process.h"
#include "mp/queue.h"
#include "mp/timescale.h"
#include "mp/value.h"

#endif /* PS_MP_MP_H */
