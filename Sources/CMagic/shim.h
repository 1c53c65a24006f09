#ifndef MMSKIT_CMAGIC_SHIM_H
#define MMSKIT_CMAGIC_SHIM_H
#include <magic.h>
#endif
