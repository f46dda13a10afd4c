/*
 * Shared between the model's files (model.c, model_chan.c, model_sync.c);
 * never included from outside src/session.
 */
#ifndef PS_SESSION_MODEL_INTERNAL_H
#define PS_SESSION_MODEL_INTERNAL_H

#include "session/model.h"

#endif /* PS_SESSION_MODEL_INTERNAL_H */
