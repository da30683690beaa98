# IPython startup file for `make test-perturbed` (tools/perturbed.py copies it into a
# temporary IPYTHONDIR/profile_default/startup/).  In a kernel started with DL_PERTURB set,
# every model's initial parameters get the (1 + 1e-12 noise) factor of
# tests/perturb/perturb_init.py.  Runs in the notebook's namespace: it leaves no names there.
def _dl_perturb_startup():
    import importlib.util
    import os
    import sys

    path = os.environ.get("DL_PERTURB_MODULE")
    if not os.environ.get("DL_PERTURB", "").strip() or not path:
        return
    spec = importlib.util.spec_from_file_location("perturb_init", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["perturb_init"] = module
    spec.loader.exec_module(module)
    module.install_from_env()


_dl_perturb_startup()
del _dl_perturb_startup
