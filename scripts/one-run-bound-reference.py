# The one-run audit bound as printed in Steinke, Nasr and Jagielski (2023), "Privacy Auditing with One (1) Training
# Run": the reference values of src/test/java/org/telesynth/audit/OneRunBoundTest.java. Needs SciPy.
# The paper's p-value routine (Steinke, Nasr, Jagielski 2023, as printed), for reference values
import math, scipy.stats
def p_value(m, r, v, eps, delta):
    q = 1/(1+math.exp(-eps))
    beta = scipy.stats.binom.sf(v-1, r, q)
    alpha = 0; s = 0
    for i in range(1, v+1):
        s += scipy.stats.binom.pmf(v-i, r, q)
        if s > i*alpha: alpha = s/i
    return min(beta + alpha*delta*2*m, 1)
def eps_audit(m, r, v, delta, p):
    lo, hi = 0, 1
    while p_value(m, r, v, hi, delta) < p: hi += 1
    for _ in range(30):
        mid = (lo+hi)/2
        if p_value(m, r, v, mid, delta) < p: lo = mid
        else: hi = mid
    return lo
for args in [(1000,1000,1000,0,0.05),(1000,1000,900,0,0.05),(1000,1000,900,1e-5,0.05),(1000,100,95,1e-5,0.05),(10000,1000,750,1e-6,0.05),(200,200,200,1e-5,0.05)]:
    print(args, repr(eps_audit(*args)))
