#pragma once
// A mutex that spins briefly before it sleeps (glibc's adaptive kind). The invocation engine's
// lock is held for a few microseconds per request by both I/O threads at once: with a plain
// mutex, every collision cost a futex sleep and wake-up (two context switches), which took
// about a tenth of the CPU of POST invocations-async. Elsewhere it is a plain mutex.
#include <pthread.h>

namespace emu::domain {

class adaptive_mutex {
public:
    adaptive_mutex() noexcept {
        pthread_mutexattr_t attr;
        pthread_mutexattr_init(&attr);
#ifdef PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
#endif
        pthread_mutex_init(&mutex_, &attr);
        pthread_mutexattr_destroy(&attr);
    }
    ~adaptive_mutex() {
        pthread_mutex_destroy(&mutex_);
    }
    adaptive_mutex(const adaptive_mutex&) = delete;
    adaptive_mutex& operator=(const adaptive_mutex&) = delete;

    void lock() noexcept {
        pthread_mutex_lock(&mutex_);
    }
    bool try_lock() noexcept {
        return pthread_mutex_trylock(&mutex_) == 0;
    }
    void unlock() noexcept {
        pthread_mutex_unlock(&mutex_);
    }

private:
    pthread_mutex_t mutex_;
};

} // namespace emu::domain
