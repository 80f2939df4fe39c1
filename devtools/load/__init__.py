"""What the benchmark and the load test share: the pages they visit, the plan, the HTTP load generator.

The scripts that drive a run (``tests/load/stack.sh``, the locust file, prelogin, report) stay in
``tests/load`` and import these modules.
"""
