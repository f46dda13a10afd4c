/* SPDX-License-Identifier: MIT */
/*
 * myFunc.py: the module both spawning demos share. Linked into every demo
 * (the Python module run alone prints nothing).
 */
#ifndef PS_DEMOS_MYFUNC_H
#define PS_DEMOS_MYFUNC_H

/* print the calling line, then `output from myFunc is :<j>` for j in 0..i-1. */
void myFunc(int i);

#endif /* PS_DEMOS_MYFUNC_H */
