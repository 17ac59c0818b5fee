/* The clock of the time auxiliaries (shm.h). */
#include <time.h>

#include "shm/shm.h"

uint64_t shm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * SHM_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}
