"""Optimizers: theta <- theta - eta_t * (a direction built from the gradient g).

    SGD:      v = mu v + g;                       theta -= eta_t v     (mu = 0: plain SGD)
    AdaGrad:  G = G + g^2;                        theta -= eta_t g / (sqrt(G) + eps)
    RMSProp:  G = rho G + (1 - rho) g^2;          theta -= eta_t g / (sqrt(G) + eps)
    Adam:     m = b1 m + (1 - b1) g;  s = b2 s + (1 - b2) g^2;
              theta -= eta_t m_hat / (sqrt(s_hat) + eps),
              m_hat = m / (1 - b1^k),  s_hat = s / (1 - b2^k)        (bias correction)

These are PyTorch's default update rules.  ``step_size`` is a number eta or a schedule
t -> eta_t.  As on the slide, t is the epoch (the outer loop, t = 1, 2, ...): ``train`` sets
``opt.t`` at the start of every epoch; when you call ``step`` yourself, set ``opt.t``
yourself.  Adam's bias correction counts steps k separately.
"""
import math

import numpy as np

from ._checks import bad, check_choice, check_number, check_schedule_value, check_step_size

OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")


class Optimizer:
    """Base class: holds eta (a number or a schedule) and the state of the rule.

    ``step`` moves all parameters as one vector theta (their entries one after another), so
    each line of a rule is one numpy operation over all of theta, not one per parameter array:
    the same numbers from far fewer numpy calls (what a small network's step costs).
    ``state[name]`` are views of that parameter's part of the state vectors (velocity;
    squared-gradient sums; m and s).
    """
    shown = ()                      # the settings __repr__ shows besides the step size
    n_state = 0                     # state vectors of the rule (Adam: m and s)

    def __init__(self, step_size):
        self.step_size = check_step_size(step_size)
        self.t = 1                  # the slide's t (the epoch), used by a schedule
        self.reset()

    def reset(self):
        """Forget the accumulated state (velocities, squared-gradient sums, step count)."""
        self.state, self.k = {}, 0
        self._layout = self._vectors = None

    @property
    def eta(self):
        """The step size eta_t at the current t."""
        if callable(self.step_size):
            return check_schedule_value(self.step_size(self.t), self.t)
        return self.step_size

    def step(self, params, grads):
        """Update every parameter in place.  params, grads: dicts name -> array of equal shapes."""
        self.k += 1
        if not grads:
            return
        g = np.concatenate([v.ravel() for v in grads.values()])      # the gradient, one vector
        delta = self._update(g, self.eta, *self._state_vectors(grads))
        i = 0
        for name, v in grads.items():                                # theta -= delta
            p = params[name]
            p -= delta[i:i + v.size].reshape(p.shape)
            i += v.size

    def _update(self, g, eta, *state):
        """The rule: from the gradient g (one vector) return delta, theta -= delta; the state
        vectors (as many as n_state, laid out like g) are updated in place."""
        raise NotImplementedError

    def __repr__(self):
        step = getattr(self.step_size, "__name__", "schedule") if callable(self.step_size) \
            else f"{self.step_size:g}"
        return f"{type(self).__name__}(step_size={step}" + "".join(
            f", {k}={getattr(self, k)}" for k in self.shown) + ")"

    def _state_vectors(self, grads):
        """The rule's state vectors laid out as ``grads``: zeros for a parameter not seen
        before (or seen with another shape); laid out anew, the state kept per name, when
        the parameters change."""
        layout = [(name, v.shape) for name, v in grads.items()]
        if layout != self._layout:
            old = self.state
            self._vectors = [np.concatenate(
                [old[name][j].ravel() if old.get(name) and old[name][j].shape == v.shape
                 else np.zeros(v.size)
                 for name, v in grads.items()]) for j in range(self.n_state)]
            self.state, i = {}, 0
            for name, v in grads.items():
                self.state[name] = [u[i:i + v.size].reshape(v.shape) for u in self._vectors]
                i += v.size
            self.state.update((k, s) for k, s in old.items() if k not in self.state)
            self._layout = layout
        return self._vectors


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum mu: v = mu v + g, theta -= eta_t v."""
    shown = ("momentum",)
    n_state = 1

    def __init__(self, step_size=0.1, momentum=0.0):
        self.momentum = check_number(momentum, "momentum", 0.0, 1.0, "[)")
        super().__init__(step_size)

    def step(self, params, grads):
        if self.momentum != 0.0:                            # with momentum: _update below
            return super().step(params, grads)
        self.k += 1
        eta = self.eta
        for name, g in grads.items():                       # plain SGD: theta -= eta_t g
            params[name] -= eta * g

    def _update(self, g, eta, v):
        v *= self.momentum
        v += g
        return eta * v


class AdaGrad(Optimizer):
    """AdaGrad (Duchi et al., 2011): G += g^2, theta -= eta_t g / (sqrt(G) + eps)."""
    n_state = 1

    def __init__(self, step_size=0.1, eps=1e-10):
        self.eps = check_number(eps, "eps", 0.0, bounds="(]")
        super().__init__(step_size)

    def _update(self, g, eta, G):
        G += g * g
        return eta * g / (np.sqrt(G) + self.eps)


class RMSProp(Optimizer):
    """RMSProp (Tieleman & Hinton, 2012): G = rho G + (1 - rho) g^2, then as AdaGrad."""
    shown = ("rho",)
    n_state = 1

    def __init__(self, step_size=0.01, rho=0.99, eps=1e-8):
        self.rho = check_number(rho, "rho", 0.0, 1.0, "[)")
        self.eps = check_number(eps, "eps", 0.0, bounds="(]")
        super().__init__(step_size)

    def _update(self, g, eta, G):
        G *= self.rho
        G += (1.0 - self.rho) * g * g
        return eta * g / (np.sqrt(G) + self.eps)


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction; see the module docstring for the rule."""
    shown = ("beta1", "beta2")
    n_state = 2

    def __init__(self, step_size=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = check_number(beta1, "beta1", 0.0, 1.0, "[)")
        self.beta2 = check_number(beta2, "beta2", 0.0, 1.0, "[)")
        self.eps = check_number(eps, "eps", 0.0, bounds="(]")
        super().__init__(step_size)

    def _update(self, g, eta, m, s):
        m *= self.beta1
        m += (1.0 - self.beta1) * g
        s *= self.beta2
        s += (1.0 - self.beta2) * g * g
        m_hat = m / (1.0 - self.beta1 ** self.k)
        s_hat = s / (1.0 - self.beta2 ** self.k)
        return eta * m_hat / (np.sqrt(s_hat) + self.eps)


def make_optimizer(name, step_size=0.1, **kwargs):
    """An optimizer by name: 'sgd', 'momentum' (SGD with mu = 0.9), 'adagrad', 'rmsprop', 'adam'."""
    kind = {"sgd": SGD, "momentum": SGD, "adagrad": AdaGrad, "rmsprop": RMSProp, "adam": Adam}
    if name == "momentum":
        kwargs = {"momentum": 0.9, **kwargs}
    return kind[check_choice(name, "optimizer", OPTIMIZERS)](step_size, **kwargs)


# --- schedules t -> eta_t (t = 1, 2, ... is the epoch) ----------------------------------------

SCHEDULES = ("constant", "inv_sqrt", "inv")


def schedule(kind, eta0):
    """A step-size schedule: 'constant' eta_t = eta0, 'inv_sqrt' eta0 / sqrt(t), 'inv' eta0 / t."""
    check_choice(kind, "kind", SCHEDULES)
    if callable(eta0):
        raise bad("eta0", "a finite number > 0", eta0)
    check_step_size(eta0, "eta0")
    f = {"constant": lambda t: eta0, "inv_sqrt": lambda t: eta0 / math.sqrt(t),
         "inv": lambda t: eta0 / t}[kind]
    f.__name__ = f"{kind}({eta0:g})"
    return f

