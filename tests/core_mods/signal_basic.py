# _signal: handlers, dispositions, raise_signal, timers and masks.
import _signal
print(_signal.getsignal(2), _signal.getsignal(15), _signal.default_int_handler, _signal.NSIG, _signal.SIGRTMIN, _signal.SIG_DFL)
for a in [lambda: _signal.signal(0, 0), lambda: _signal.signal(99, 0), lambda: _signal.signal(2, 5), lambda: _signal.getsignal(0), lambda: _signal.strsignal(2), lambda: _signal.strsignal(99), lambda: _signal.alarm(0), lambda: _signal.set_wakeup_fd(-1), lambda: _signal.signal(9, 0), lambda: _signal.raise_signal(99), lambda: _signal.default_int_handler(2, None), lambda: _signal.signal(_signal.SIGUSR1, lambda s,f: print('got', s, type(f).__name__)), lambda: _signal.raise_signal(_signal.SIGUSR1), lambda: sorted(_signal.valid_signals())[:3], lambda: len(_signal.valid_signals()), lambda: _signal.getitimer(0), lambda: _signal.siginterrupt(2, True), lambda: _signal.ItimerError.__mro__, lambda: _signal.set_wakeup_fd(99), lambda: _signal.signal(_signal.SIGUSR1, _signal.SIG_IGN).__name__, lambda: _signal.raise_signal(_signal.SIGUSR1), lambda: _signal.getsignal(_signal.SIGUSR1), lambda: _signal.signal(_signal.SIGUSR1, _signal.SIG_DFL), lambda: _signal.getsignal(_signal.SIGUSR2)]:
    try: print(a())
    except BaseException as e: print(type(e).__name__, e)
def h(s, f): raise ValueError('from handler')
_signal.signal(_signal.SIGUSR2, h)
try: _signal.raise_signal(_signal.SIGUSR2)
except ValueError as e: print('caught', e)
print(_signal.setitimer(_signal.ITIMER_REAL, 0), _signal.pthread_sigmask(_signal.SIG_BLOCK, []), _signal.sigpending())
