/* SPDX-License-Identifier: MIT */
/*
 * communicating_with_queue.py:
 *     class producer(multiprocessing.Process):
 *         def __init__(self, queue):
 *             multiprocessing.Process.__init__(self)
 *             self.queue = queue
 *         def run(self):
 *             for i in range(10):
 *                 item = random.randint(0, 256)
 *                 self.queue.put(item)
 *                 print ("Process Producer : item %d appended to queue %s" % (item, self.name))
 *                 time.sleep(1)
 *                 print ("The size of queue is %s" % self.queue.qsize())
 *
 *     class consumer(multiprocessing.Process):
 *         ...
 *         def run(self):
 *             while True:
 *                 if (self.queue.empty()):
 *                     print("the queue is empty")
 *                     break
 *                 else :
 *                     time.sleep(2)
 *                     item = self.queue.get()
 *                     print ('Process Consumer : item %d popped from by %s \n'
 *                            % (item, self.name))
 *                     time.sleep(1)
 *
 *     if __name__ == '__main__':
 *         queue = multiprocessing.Queue()
 *         process_producer = producer(queue)
 *         process_consumer = consumer(queue)
 *         process_producer.start()
 *         process_consumer.start()
 *         process_producer.join()
 *         process_consumer.join()
 *
 * The first empty() check races with the first put: either the consumer quits
 * at once (A) or it drains all ten items in FIFO order (B).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/clock.h"
#include "mp/mp.h"

/* producer.run(self): ten random items, one a second, with the queue size after each. */
static int producer_run(struct ps_process *self, void *arg)
{
    struct ps_queue *queue = arg;

    srandom((unsigned)(ps_clock_mono_ns() ^ (uint64_t)getpid())); /* reseeded after fork */
    for (int i = 0; i < 10; i++) {
        long item = random() % 257;

        ps_queue_put_int(queue, item, -1);
        ps_print("Process Producer : item %ld appended to queue %s", item, ps_process_name(self));
        ps_sleep(1);
        ps_print("The size of queue is %ld", ps_queue_qsize(queue));
    }
    return 0;
}

/* consumer.run(self): stop at the first empty queue, else take an item every 3 s. */
static int consumer_run(struct ps_process *self, void *arg)
{
    struct ps_queue *queue = arg;
    struct ps_value item;

    for (;;) {
        if (ps_queue_empty(queue)) {
            ps_print("the queue is empty");
            break;
        }
        ps_sleep(2);
        if (ps_queue_get(queue, &item, -1) != 0)
            return 1;
        ps_print("Process Consumer : item %lld popped%25sfrom by %s \n", (long long)item.i, "",
                 ps_process_name(self));
        ps_value_free(&item);
        ps_sleep(1);
    }
    return 0;
}

static const struct ps_process_kind producer = {"producer", producer_run};
static const struct ps_process_kind consumer = {"consumer", consumer_run};

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    struct ps_queue *queue = ps_queue_new(0, 0);
    if (queue == NULL)
        return 1;
    struct ps_process *process_producer = ps_process_new(&producer, NULL, queue, NULL, false);
    struct ps_process *process_consumer = ps_process_new(&consumer, NULL, queue, NULL, false);
    if (process_producer == NULL || process_consumer == NULL)
        return 1;
    ps_process_start(process_producer);
    ps_process_start(process_consumer);
    ps_process_join(process_producer, -1);
    ps_process_join(process_consumer, -1);
    ps_mp_main_end();
    ps_queue_free(queue);
    return 0;
}
