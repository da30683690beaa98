"""Optimizers: theta <- theta - eta_t * (a direction built from the gradient g).

    SGD:      v = mu v + g;                       theta -= eta_t v     (mu = 0: plain SGD)
    AdaGrad:  G = G + g^2;                        theta -= eta_t g / (sqrt(G) + eps)
    RMSProp:  G = rho G + (1 - rho) g^2;          theta -= eta_t g / (sqrt(G) + eps)
    Adam:     m = b1 m + (1 - b1) g;  s = b2 s + (1 - b2) g^2;
              theta -= eta_t m_hat / (sqrt(s_hat) + eps),  m_hat = m / (1 - b1^k), s_hat = s / (1 - b2^k)

These are PyTorch's default update rules.  ``step_size`` is a number eta or a schedule
t -> eta_t.  As on the slide, t is the epoch (the outer loop, t = 1, 2, ...): ``train`` sets
``opt.t`` at the start of every epoch; when you call ``step`` yourself, set ``opt.t``
yourself.  Adam's bias correction counts steps k separately.
"""
import math

import numpy as np

from ._checks import is_real
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")


class Optimizer:
    """Base class: holds eta (a number or a schedule) and per-parameter state."""

    def __init__(self, step_size):
        self.step_size = _check_step_size(step_size)
        self.t = 1                  # the slide's t (the epoch), used by a schedule
        self.reset()

    def reset(self):
        """Forget the accumulated state (velocities, squared-gradient sums, step count)."""
        self.state, self.k = {}, 0

    @property
    def eta(self):
        """The step size eta_t at the current t."""
        if callable(self.step_size):
            eta = self.step_size(self.t)
            if not (isinstance(eta, (int, float, np.floating, np.integer)) and eta > 0
                    and math.isfinite(eta)):
                raise ValueError(f"step_size: the schedule returned {eta!r} at t={self.t}; "
                                 "allowed: a finite number > 0")
            return float(eta)
        return self.step_size

    def step(self, params, grads):
        """Update every parameter in place.  params, grads: dicts name -> array of equal shapes."""
        self.k += 1
        eta = self.eta
        for name, g in grads.items():
            self._update(name, params[name], g, eta)

    def _state(self, name, p, n):
        s = self.state.get(name)
        if s is None:
            s = self.state[name] = [np.zeros_like(p) for _ in range(n)]
        return s


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum mu: v = mu v + g, theta -= eta_t v."""

    def __init__(self, step_size=0.1, momentum=0.0):
        if not is_real(momentum) or not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum: expected a number in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        super().__init__(step_size)

    def step(self, params, grads):
        if self.momentum != 0.0:
            return super().step(params, grads)
        self.k += 1
        eta = self.eta
        for name, g in grads.items():                       # plain SGD: theta -= eta_t g
            params[name] -= eta * g

    def _update(self, name, p, g, eta):
        if self.momentum == 0.0:
            p -= eta * g
            return
        v = self._state(name, p, 1)[0]
        v *= self.momentum
        v += g
        p -= eta * v

    def __repr__(self):
        return f"SGD(step_size={_show(self.step_size)}, momentum={self.momentum})"


class AdaGrad(Optimizer):
    """AdaGrad (Duchi et al., 2011): G += g^2, theta -= eta_t g / (sqrt(G) + eps)."""

    def __init__(self, step_size=0.1, eps=1e-10):
        self.eps = _check_eps(eps)
        super().__init__(step_size)

    def _update(self, name, p, g, eta):
        G = self._state(name, p, 1)[0]
        G += g * g
        p -= eta * g / (np.sqrt(G) + self.eps)

    def __repr__(self):
        return f"AdaGrad(step_size={_show(self.step_size)})"


class RMSProp(Optimizer):
    """RMSProp (Tieleman & Hinton, 2012): G = rho G + (1 - rho) g^2, theta -= eta_t g / (sqrt(G) + eps)."""

    def __init__(self, step_size=0.01, rho=0.99, eps=1e-8):
        if not is_real(rho) or not 0.0 <= rho < 1.0:
            raise ValueError(f"rho: expected a number in [0, 1), got {rho!r}")
        self.rho, self.eps = float(rho), _check_eps(eps)
        super().__init__(step_size)

    def _update(self, name, p, g, eta):
        G = self._state(name, p, 1)[0]
        G *= self.rho
        G += (1.0 - self.rho) * g * g
        p -= eta * g / (np.sqrt(G) + self.eps)

    def __repr__(self):
        return f"RMSProp(step_size={_show(self.step_size)}, rho={self.rho})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction; see the module docstring for the rule."""

    def __init__(self, step_size=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        for name, b in (("beta1", beta1), ("beta2", beta2)):
            if not is_real(b) or not 0.0 <= b < 1.0:
                raise ValueError(f"{name}: expected a number in [0, 1), got {b!r}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), _check_eps(eps)
        super().__init__(step_size)

    def _update(self, name, p, g, eta):
        m, s = self._state(name, p, 2)
        m *= self.beta1
        m += (1.0 - self.beta1) * g
        s *= self.beta2
        s += (1.0 - self.beta2) * g * g
        m_hat = m / (1.0 - self.beta1 ** self.k)
        s_hat = s / (1.0 - self.beta2 ** self.k)
        p -= eta * m_hat / (np.sqrt(s_hat) + self.eps)

    def __repr__(self):
        return f"Adam(step_size={_show(self.step_size)}, beta1={self.beta1}, beta2={self.beta2})"


def make_optimizer(name, step_size=0.1, **kwargs):
    """An optimizer by name: 'sgd', 'momentum' (SGD with mu = 0.9), 'adagrad', 'rmsprop', 'adam'."""
    if name == "sgd":
        return SGD(step_size, **kwargs)
    if name == "momentum":
        return SGD(step_size, **{"momentum": 0.9, **kwargs})
    if name == "adagrad":
        return AdaGrad(step_size, **kwargs)
    if name == "rmsprop":
        return RMSProp(step_size, **kwargs)
    if name == "adam":
        return Adam(step_size, **kwargs)
    raise ValueError(f"optimizer: unknown optimizer {name!r}; allowed: {', '.join(OPTIMIZERS)}")


# --- schedules t -> eta_t (t = 1, 2, ... is the epoch) ----------------------------------------

SCHEDULES = ("constant", "inv_sqrt", "inv")


def schedule(kind, eta0):
    """A step-size schedule: 'constant' eta_t = eta0, 'inv_sqrt' eta0 / sqrt(t), 'inv' eta0 / t."""
    _check_step_size(eta0)
    if callable(eta0):
        raise ValueError("eta0: expected a number > 0, got a function")
    if kind == "constant":
        f = lambda t: eta0                                  # noqa: E731
    elif kind == "inv_sqrt":
        f = lambda t: eta0 / math.sqrt(t)                   # noqa: E731
    elif kind == "inv":
        f = lambda t: eta0 / t                              # noqa: E731
    else:
        raise ValueError(f"kind: unknown schedule {kind!r}; allowed: {', '.join(SCHEDULES)}")
    f.__name__ = f"{kind}({eta0:g})"
    return f



def _check_step_size(step_size):
    if callable(step_size):
        try:
            eta1 = step_size(1)
        except Exception as e:                              # a schedule that cannot run
            raise ValueError(f"step_size: the schedule failed at t=1: {e}") from None
        if not (is_real(eta1) and eta1 > 0 and math.isfinite(eta1)):
            raise ValueError(f"step_size: the schedule returned {eta1!r} at t=1; "
                             "allowed: a finite number > 0")
        return step_size
    if not is_real(step_size) or not step_size > 0 or not math.isfinite(step_size):
        raise ValueError(f"step_size: expected a finite number > 0 or a schedule t -> eta_t, "
                         f"got {step_size!r}")
    return float(step_size)


def _check_eps(eps):
    if not is_real(eps) or not eps > 0:
        raise ValueError(f"eps: expected a number > 0, got {eps!r}")
    return float(eps)


def _show(step_size):
    return getattr(step_size, "__name__", "schedule") if callable(step_size) else f"{step_size:g}"
