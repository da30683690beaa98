"""The linear predictor f_theta(x) = w . x: an MLP without hidden layers."""
from .mlp import MLP


class LinearPredictor(MLP):
    """The linear predictor f_theta(x) = w . x, theta = w (plus a bias b if bias=True).

    params: ``w`` (1, input_dim) [and ``b`` (1,)]; ``model.w`` is w as a vector (input_dim,).
    """

    def __init__(self, input_dim=2, bias=False, init="zeros", init_scale=1.0, seed=0):
        super().__init__(input_dim=input_dim, hidden=(), output_dim=1, init=init,
                         init_scale=init_scale, bias=bias, seed=seed)

    @property
    def w(self):
        """w: (input_dim,), a view of params['w'] (writing to it changes the model)."""
        return self.params["w"][0]

    def __repr__(self):
        return f"LinearPredictor(input_dim={self.input_dim}, {'bias' if self.bias else 'no bias'})"
