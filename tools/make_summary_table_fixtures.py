"""Prints the statsmodels tables that test/inference/summary-table.test.ts holds as fixtures.

Run with /usr/bin/python3 (statsmodels 0.13.5, numpy 1.24.2, pandas); it prints TypeScript
object literals (LOGIT, SEPARATED, MNLOGIT), which are pasted into the test file:

- `statsmodels`: `print(result.summary(alpha=...))` line by line, with the left halves of the
  Date and Time rows replaced by AIC and BIC (as formatSummary prints them);
- `oddsRatios`: the odds-ratio block formatSummary adds, laid out in the coefficient block's
  columns with statsmodels' own cell formatter (`forg`), from `exp(params)` and
  `exp(conf_int(alpha))`;
- `statsmodelsNotes`: the note statsmodels prints under the table;
- `summary`: the SummaryJSON holding statsmodels' numbers at full precision.

The three models: a Logit on 200 rows of 3 normal features (numpy seed 0); a Logit on 60 rows
with a 20000-scale feature and an indicator true only for 12 positives (quasi-separation),
stopped at 35 iterations, HC0, alpha 0.1; an MNLogit of 3 species on 2 features with a long
feature name.
"""
import numpy as np, statsmodels.api as sm, pandas as pd, warnings
from statsmodels.iolib.summary import forg
warnings.simplefilter('ignore')
def ts(s): return "'" + s.replace('\\','\\\\').replace("'", "\\'") + "'"
def num(x): return str(int(x)) if np.isfinite(x) and float(x).is_integer() and abs(x)<1e15 else repr(float(x)) if np.isfinite(x) else ('NaN' if np.isnan(x) else ('Infinity' if x>0 else '-Infinity'))

def emit(const, r, alpha, names, eqlabels, covType, model, dep='y', classes=None):
    sm_lines=str(r.summary(alpha=alpha)).split('\n')
    notes=[]
    if '' in sm_lines:
        k=sm_lines.index(''); notes=sm_lines[k+1:]; sm_lines=sm_lines[:k]
    params=np.asarray(r.params); bse=np.asarray(r.bse); z=np.asarray(r.tvalues); p=np.asarray(r.pvalues); ci=np.asarray(r.conf_int(alpha))
    if params.ndim==1: params,bse,z,p=[a[:,None] for a in (params,bse,z,p)]; ci=ci[None]
    else: ci=ci.reshape(params.shape[1], params.shape[0], 2)
    W=len(sm_lines[-1]); stub=W-68
    lo='['+str(alpha/2); hi=str(1-alpha/2)+']'
    orl=[]
    for e in range(params.shape[1]):
        if e>0: orl.append('-'*W)
        head = f'{dep}={eqlabels[e]}' if model=='MNLogit' else ''
        orl.append(head.rjust(stub)+' '+'Odds Ratio'.rjust(10)+' '+' '*32+' '+lo.rjust(11)+' '+hi.rjust(11))
        orl.append('-'*W)
        for i,n in enumerate(names):
            orl.append(n.ljust(stub)+' '+forg(np.exp(params[i,e]),4)+' '+' '*32+' '+('%11s'%forg(np.exp(ci[e][i,0]))) + ' '+('%11s'%forg(np.exp(ci[e][i,1]))))
    orl.append('='*W)
    o=[]
    o.append(f'const {const}: Fixture = {{')
    o.append('  statsmodels: [')
    for l in sm_lines:
        if l.startswith('Date:'):
            o.append('    // statsmodels: Date: and the date; here AIC:')
            l='AIC:'.ljust(18)+' '+('%#8.5g' % r.aic).rjust(18)+l[37:]
        if l.startswith('Time:'):
            o.append('    // statsmodels: Time: and the time; here BIC:')
            l='BIC:'.ljust(18)+' '+('%#8.5g' % r.bic).rjust(18)+l[37:]
        o.append('    '+ts(l)+',')
    o.append('  ],')
    o.append('  statsmodelsNotes: [' + ', '.join(ts(l) for l in notes) + '],')
    o.append('  oddsRatios: [')
    o += ['    '+ts(l)+',' for l in orl]
    o.append('  ],')
    o.append('  summary: {')
    o.append(f"    model: '{model}', method: 'MLE', classes: {classes}, referenceClass: {classes.split(',')[0].strip('[ ')},")
    o.append(f'    nObs: {num(r.nobs)}, dfModel: {num(r.df_model)}, dfResid: {num(r.df_resid)},')
    o.append(f'    logLikelihood: {num(r.llf)}, nullLogLikelihood: {num(r.llnull)}, llr: {num(r.llr)}, llrPValue: {num(r.llr_pvalue)},')
    o.append(f'    pseudoRSquared: {num(r.prsquared)}, aic: {num(r.aic)}, bic: {num(r.bic)}, deviance: {num(-2*r.llf)}, nullDeviance: {num(-2*r.llnull)},')
    o.append(f"    converged: {'true' if r.mle_retvals['converged'] else 'false'}, nIter: {int(r.mle_retvals['iterations'])}, covType: '{covType}', alpha: {alpha}, nGroups: null,")
    o.append('    equations: [')
    for e in range(params.shape[1]):
        lab = eqlabels[e]
        o.append(f"      {{ label: {ts(lab) if isinstance(lab,str) else lab}, coefficients: [")
        for i,n in enumerate(names):
            vals=[params[i,e],bse[i,e],z[i,e],p[i,e],ci[e][i,0],ci[e][i,1],np.exp(params[i,e]),np.exp(ci[e][i,0]),np.exp(ci[e][i,1])]
            o.append(f"        row({ts(n)}, [{', '.join(num(v) for v in vals)}]),")
        o.append('      ] },')
    o.append('    ],')
    cov=np.asarray(r.cov_params())
    o.append('    covariance: [')
    for rowv in cov: o.append('      [' + ', '.join(num(v) for v in rowv) + '],')
    o.append('    ],')
    o.append('    warnings: [' + (ts(' '.join(notes)) if notes else '') + '],')
    o.append('  },')
    o.append('};')
    print('\n'.join(o)); print()

rng=np.random.default_rng(0); n=200
X=rng.normal(size=(n,3))
y=(X@np.array([0.8,-1.2,0.1])+0.3+rng.logistic(size=n)>0).astype(int)
r=sm.Logit(y,sm.add_constant(X)).fit(disp=0)
names=['const','x1','x2','x3']
emit('LOGIT', r, 0.05, names, [1], 'nonrobust', 'Logit', classes='[0, 1]')
rng=np.random.default_rng(3); n=60
x1=rng.normal(size=n); x2=rng.normal(size=n)*20000
y=(x1+rng.logistic(size=n)>0).astype(int)
q=np.zeros(n); q[np.where(y==1)[0][:12]]=1
r=sm.Logit(y,sm.add_constant(np.c_[x1,x2,q])).fit(disp=0, maxiter=35, cov_type='HC0')
emit('SEPARATED', r, 0.1, names, [1], 'HC0', 'Logit', classes='[0, 1]')
rng=np.random.default_rng(1); n=150
X=rng.normal(size=(n,2))
eta=np.c_[np.zeros(n), 0.5+X@[1.0,-0.5], -0.3+X@[-0.7,1.2]]
p=np.exp(eta); p/=p.sum(1,keepdims=True)
y=np.array([rng.choice(3,p=pi) for pi in p])
names=['const','petal_length_in_centimetres','w']
r=sm.MNLogit(pd.Series(np.array(['a','b','c'])[y],name='species'),sm.add_constant(pd.DataFrame(X,columns=names[1:]))).fit(disp=0)
emit('MNLOGIT', r, 0.05, names, ['b','c'], 'nonrobust', 'MNLogit', dep='species', classes="['a', 'b', 'c']")
