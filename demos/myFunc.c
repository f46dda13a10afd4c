/* SPDX-License-Identifier: MIT */
/*
 * myFunc.py:
 *     def myFunc(i):
 *         print ('calling myFunc from process n°: %s' %i)
 *         for j in range (0,i):
 *             print('output from myFunc is :%s' %j)
 *         return
 */
#include "myFunc.h"

#include "mp/print.h"

void myFunc(int i)
{
    ps_print("calling myFunc from process n°: %d", i);
    for (int j = 0; j < i; j++)
        ps_print("output from myFunc is :%d", j);
}
