import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoefficientRow, SummaryJSON } from '../../src/inference/summary-json.js';
import { COV_TYPES } from '../../src/inference/summary-json.js';
import { MAX_NAME_WIDTH, formatSummary } from '../../src/inference/summary-table.js';

/**
 * Three summaries printed by statsmodels 0.13.5 (`print(result.summary(alpha=...))` on
 * /usr/bin/python3, printed by tools/make_summary_table_fixtures.py), each with the SummaryJSON holding the same numbers (full precision, as
 * statsmodels computed them) and the parts where this table differs on purpose:
 * - `statsmodels`: statsmodels' text line for line, except the left halves of the Date and
 *   Time rows, which are AIC and BIC here (marked where they are);
 * - `oddsRatios`: the odds-ratio block this table adds after the coefficient block; its
 *   lines were printed in Python with statsmodels' own cell formatter (`forg`) in the
 *   coefficient block's columns, from `np.exp` of `params` and `conf_int(alpha)`;
 * - `statsmodelsNotes`: statsmodels' note under the table, which this table prints as
 *   `Notes:` and `[1] …`.
 * The models: a Logit on 200 rows of 3 normal features (numpy seed 0); a Logit on 60 rows
 * with a 20000-scale feature (coefficients in exponent form) and an indicator true only for
 * 12 positives (quasi-separation), stopped unconverged at 35 iterations, HC0 covariance,
 * alpha 0.1 (seed 3); an MNLogit on 150 rows, 3 classes 'a' 'b' 'c', dependent variable
 * `species` and a 27-character feature name that widens the name column (seed 1).
 */
interface Fixture {
  statsmodels: string[];
  statsmodelsNotes: string[];
  oddsRatios: string[];
  summary: SummaryJSON;
}

/** A coefficient row from statsmodels' numbers in CoefficientRow's field order. */
function row(name: string, v: readonly number[]): CoefficientRow {
  const [estimate, stdErr, z, pValue, ciLower, ciUpper, oddsRatio, oddsRatioLower, oddsRatioUpper] = v as [number, number, number, number, number, number, number, number, number];
  return { name, estimate, stdErr, z, pValue, ciLower, ciUpper, oddsRatio, oddsRatioLower, oddsRatioUpper };
}

const LOGIT: Fixture = {
  statsmodels: [
    '                           Logit Regression Results                           ',
    '==============================================================================',
    'Dep. Variable:                      y   No. Observations:                  200',
    'Model:                          Logit   Df Residuals:                      196',
    'Method:                           MLE   Df Model:                            3',
    // statsmodels: Date: and the date; here AIC:
    'AIC:                           224.31   Pseudo R-squ.:                  0.2196',
    // statsmodels: Time: and the time; here BIC:
    'BIC:                           237.50   Log-Likelihood:                -108.15',
    'converged:                       True   LL-Null:                       -138.59',
    'Covariance Type:            nonrobust   LLR p-value:                 3.831e-13',
    '==============================================================================',
    '                 coef    std err          z      P>|z|      [0.025      0.975]',
    '------------------------------------------------------------------------------',
    'const          0.1503      0.167      0.901      0.368      -0.177       0.477',
    'x1             0.7034      0.181      3.882      0.000       0.348       1.059',
    'x2            -1.2047      0.214     -5.622      0.000      -1.625      -0.785',
    'x3             0.3006      0.171      1.754      0.079      -0.035       0.637',
    '==============================================================================',
  ],
  statsmodelsNotes: [],
  oddsRatios: [
    '           Odds Ratio                                       [0.025      0.975]',
    '------------------------------------------------------------------------------',
    'const          1.1622                                        0.838       1.611',
    'x1             2.0206                                        1.417       2.882',
    'x2             0.2998                                        0.197       0.456',
    'x3             1.3507                                        0.965       1.890',
    '==============================================================================',
  ],
  summary: {
    model: 'Logit', method: 'MLE', classes: [0, 1], referenceClass: 0,
    nObs: 200, dfModel: 3, dfResid: 196,
    logLikelihood: -108.15436789576037, nullLogLikelihood: -138.5894334456068, llr: 60.870131099692856, llrPValue: 3.831138792441753e-13,
    pseudoRSquared: 0.2196059597991754, aic: 224.30873579152075, bic: 237.50200525771288, deviance: 216.30873579152075, nullDeviance: 277.1788668912136,
    converged: true, nIter: 6, covType: 'nonrobust', alpha: 0.05, nGroups: null,
    equations: [
      { label: 1, coefficients: [
        row('const', [0.1502814605207239, 0.16676398613766852, 0.9011625591430884, 0.3675018947029699, -0.17656994622744326, 0.47713286726889104, 1.1621612992238228, 0.8381401523631203, 1.6114475384642528]),
        row('x1', [0.7034185356790663, 0.18122060436583756, 3.881559374225715, 0.0001037888043486644, 0.3482326778654426, 1.05860439349269, 2.0206485731155093, 1.4165618139765288, 2.882345560743314]),
        row('x2', [-1.2047075949013546, 0.21429017550541124, -5.621851734733091, 1.8892137616694955e-08, -1.624708621132728, -0.7847065686699812, 0.29977964379512023, 0.19696905946494214, 0.45625356123469957]),
        row('x3', [0.30063357625397247, 0.1713909567356226, 1.7540807401974643, 0.07941667332484534, -0.035286526223710424, 0.6365536787316554, 1.3507143170493245, 0.9653287846170542, 1.889956246364055]),
      ] },
    ],
    covariance: [
      [0.0278102270725245, 0.002274776828919431, -0.0025099707670242894, 0.0026934294263676693],
      [0.002274776828919432, 0.03284090744671942, -0.009477645165430718, 0.0056374776023893295],
      [-0.0025099707670242894, -0.009477645165430718, 0.045920279318139946, -0.0039453518051009604],
      [0.00269342942636767, 0.005637477602389328, -0.003945351805100959, 0.02937486005075206],
    ],
    warnings: [],
  },
};

const SEPARATED: Fixture = {
  statsmodels: [
    '                           Logit Regression Results                           ',
    '==============================================================================',
    'Dep. Variable:                      y   No. Observations:                   60',
    'Model:                          Logit   Df Residuals:                       56',
    'Method:                           MLE   Df Model:                            3',
    // statsmodels: Date: and the date; here AIC:
    'AIC:                           42.382   Pseudo R-squ.:                  0.5575',
    // statsmodels: Time: and the time; here BIC:
    'BIC:                           50.759   Log-Likelihood:                -17.191',
    'converged:                      False   LL-Null:                       -38.847',
    'Covariance Type:                  HC0   LLR p-value:                 2.113e-09',
    '==============================================================================',
    '                 coef    std err          z      P>|z|       [0.05       0.95]',
    '------------------------------------------------------------------------------',
    'const         -1.8218      0.452     -4.033      0.000      -2.565      -1.079',
    'x1             2.2355      0.700      3.193      0.001       1.084       3.387',
    'x2         -1.293e-05   1.78e-05     -0.726      0.468   -4.22e-05    1.63e-05',
    'x3            39.4157      0.959     41.120      0.000      37.839      40.992',
    '==============================================================================',
  ],
  statsmodelsNotes: ['Possibly complete quasi-separation: A fraction 0.20 of observations can be', 'perfectly predicted. This might indicate that there is complete', 'quasi-separation. In this case some parameters will not be identified.'],
  oddsRatios: [
    '           Odds Ratio                                        [0.05       0.95]',
    '------------------------------------------------------------------------------',
    'const          0.1617                                        0.077       0.340',
    'x1             9.3511                                        2.956      29.585',
    'x2             1.0000                                        1.000       1.000',
    'x3          1.312e+17                                     2.71e+16    6.35e+17',
    '==============================================================================',
  ],
  summary: {
    model: 'Logit', method: 'MLE', classes: [0, 1], referenceClass: 0,
    nObs: 60, dfModel: 3, dfResid: 56,
    logLikelihood: -17.19086610952963, nullLogLikelihood: -38.846798345780485, llr: 43.31186447250171, llrPValue: 2.1129661768076035e-09,
    pseudoRSquared: 0.5574701946731502, aic: 42.38173221905926, bic: 50.759110467947664, deviance: 34.38173221905926, nullDeviance: 77.69359669156097,
    converged: false, nIter: 35, covType: 'HC0', alpha: 0.1, nGroups: null,
    equations: [
      { label: 1, coefficients: [
        row('const', [-1.8217906308870493, 0.45171862549900665, -4.033020840959447, 5.506439405273629e-05, -2.564801650400624, -1.0787796113734744, 0.16173588222114824, 0.07693443984385674, 0.3400102171529868]),
        row('x1', [2.2354979509631088, 0.7002225329140549, 3.1925535753038856, 0.0014102078152773603, 1.083734378026279, 3.3872615238999386, 9.35113710078318, 2.9556966558892164, 29.58482390383744]),
        row('x2', [-1.2926592532256274e-05, 1.7794091599360112e-05, -0.726454197455133, 0.467560376443236, -4.2195268637770474e-05, 1.634208357325793e-05, 0.9999870734910158, 0.9999578056215701, 1.0000163422171058]),
        row('x3', [39.415693423081706, 0.9585492527895618, 41.1201545547863, 0, 37.83902020801917, 40.99236663814424, 1.3122547517087072e+17, 2.711925014335102e+16, 6.349779305399698e+17]),
      ] },
    ],
    covariance: [
      [0.20404971662271185, -0.11490038742627377, 6.757635981713351e-07, -0.2576301757749043],
      [-0.11490038742627373, 0.49031159560057475, -2.900041340013332e-06, 0.3435722427215839],
      [6.757635981713348e-07, -2.900041340013333e-06, 3.166296958464181e-10, -2.563888195969028e-06],
      [-0.2576301757749042, 0.3435722427215839, -2.563888195969028e-06, 0.9188166700234273],
    ],
    warnings: ['Possibly complete quasi-separation: A fraction 0.20 of observations can be perfectly predicted. This might indicate that there is complete quasi-separation. In this case some parameters will not be identified.'],
  },
};

const MNLOGIT: Fixture = {
  statsmodels: [
    '                          MNLogit Regression Results                          ',
    '==============================================================================',
    'Dep. Variable:                species   No. Observations:                  150',
    'Model:                        MNLogit   Df Residuals:                      144',
    'Method:                           MLE   Df Model:                            4',
    // statsmodels: Date: and the date; here AIC:
    'AIC:                           260.59   Pseudo R-squ.:                  0.2234',
    // statsmodels: Time: and the time; here BIC:
    'BIC:                           278.66   Log-Likelihood:                -124.30',
    'converged:                       True   LL-Null:                       -160.06',
    'Covariance Type:            nonrobust   LLR p-value:                 1.083e-14',
    '===============================================================================================',
    '                  species=b       coef    std err          z      P>|z|      [0.025      0.975]',
    '-----------------------------------------------------------------------------------------------',
    'const                           0.4357      0.228      1.915      0.056      -0.010       0.882',
    'petal_length_in_centimetres     1.0296      0.289      3.563      0.000       0.463       1.596',
    'w                              -0.5399      0.292     -1.846      0.065      -1.113       0.033',
    '-----------------------------------------------------------------------------------------------',
    '                  species=c       coef    std err          z      P>|z|      [0.025      0.975]',
    '-----------------------------------------------------------------------------------------------',
    'const                          -0.5216      0.310     -1.680      0.093      -1.130       0.087',
    'petal_length_in_centimetres    -0.7358      0.321     -2.294      0.022      -1.364      -0.107',
    'w                               1.2629      0.367      3.444      0.001       0.544       1.982',
    '===============================================================================================',
  ],
  statsmodelsNotes: [],
  oddsRatios: [
    '                  species=b Odds Ratio                                       [0.025      0.975]',
    '-----------------------------------------------------------------------------------------------',
    'const                           1.5460                                        0.990       2.415',
    'petal_length_in_centimetres     2.8001                                        1.589       4.934',
    'w                               0.5828                                        0.329       1.034',
    '-----------------------------------------------------------------------------------------------',
    '                  species=c Odds Ratio                                       [0.025      0.975]',
    '-----------------------------------------------------------------------------------------------',
    'const                           0.5935                                        0.323       1.091',
    'petal_length_in_centimetres     0.4791                                        0.256       0.898',
    'w                               3.5358                                        1.723       7.255',
    '===============================================================================================',
  ],
  summary: {
    model: 'MNLogit', method: 'MLE', classes: ['a', 'b', 'c'], referenceClass: 'a',
    nObs: 150, dfModel: 4, dfResid: 144,
    logLikelihood: -124.29731794655801, nullLogLikelihood: -160.05826101447275, llr: 71.52188613582948, llrPValue: 1.0829450043523754e-14,
    pseudoRSquared: 0.22342453829784625, aic: 260.594635893116, bic: 278.65844765769356, deviance: 248.59463589311602, nullDeviance: 320.1165220289455,
    converged: true, nIter: 7, covType: 'nonrobust', alpha: 0.05, nGroups: null,
    equations: [
      { label: 'b', coefficients: [
        row('const', [0.4356725536955847, 0.22752604065938897, 1.914825012701712, 0.055514823475576486, -0.010270291541813636, 0.8816153989329831, 1.5460024790599156, 0.9897822678151651, 2.4147974185629115]),
        row('petal_length_in_centimetres', [1.02964595631697, 0.2890231617135904, 3.562503261718883, 0.0003673353430602133, 0.46317096866043694, 1.596120943973503, 2.8000743105663375, 1.5891050063466379, 4.9338565503098595]),
        row('w', [-0.5398676591345469, 0.29239684767636615, -1.8463525288483587, 0.06484103521190006, -1.1129549497732687, 0.03321963150417495, 0.5828253788854322, 0.328586568291355, 1.0337775644309093]),
      ] },
      { label: 'c', coefficients: [
        row('const', [-0.5216494853663218, 0.31046017355055244, -1.6802460663489298, 0.09290944983662021, -1.1301402441594592, 0.08684127342681569, 0.5935407033681696, 0.32298795607135766, 1.0907235391679746]),
        row('petal_length_in_centimetres', [-0.7357820986271034, 0.32071727064220656, -2.294176728162372, 0.021780349481842227, -1.3643763983058135, -0.10718779894839336, 0.47913058502704975, 0.25553998147671014, 0.8983569466576233]),
        row('w', [1.262934173192639, 0.36674806079241234, 3.443601502524339, 0.0005740210797700436, 0.5441211826396044, 1.9817471637456734, 3.5357808752731903, 1.7230934323698044, 7.255408304095124]),
      ] },
    ],
    covariance: [
      [0.05176809917813792, 0.003939265482196486, 0.016823538589947312, 0.03134299898628023, 0.01424224726101991, 0.0016333484867164885],
      [0.003939265482196483, 0.08353438800692023, -0.015002078029502399, 0.00729024197390542, 0.031198788577197812, -0.001329541501595937],
      [0.016823538589947316, -0.015002078029502399, 0.08549591653107608, 0.010431168385687037, 0.0036005207759447007, 0.03453642288677898],
      [0.03134299898628023, 0.0072902419739054244, 0.010431168385687039, 0.09638551936103916, 0.055683272776830856, -0.03683244898861735],
      [0.014242247261019914, 0.03119878857719782, 0.003600520775944705, 0.05568327277683087, 0.10285956768818637, -0.026141653423563387],
      [0.001633348486716484, -0.0013295415015959385, 0.03453642288677898, -0.03683244898861736, -0.026141653423563383, 0.13450414009499498],
    ],
    warnings: [],
  },
};

/** The table expected for a fixture: statsmodels' lines, the odds ratios, and its note numbered. */
function expectedText(f: Fixture): string {
  const [first, ...rest] = f.statsmodelsNotes;
  const notes = first === undefined ? [] : ['', 'Notes:', `[1] ${first}`, ...rest];
  return [...f.statsmodels, ...f.oddsRatios, ...notes].join('\n');
}

/** A summary whose one equation holds the given rows, other fields plain. */
function summaryOf(rows: CoefficientRow[], extra: Partial<SummaryJSON> = {}): SummaryJSON {
  return { ...LOGIT.summary, equations: [{ label: 1, coefficients: rows }], warnings: [], ...extra };
}

/** One row holding the value v in every number field. */
function constantRow(name: string, v: number): CoefficientRow {
  return row(name, [v, v, v, v, v, v, v, v, v]);
}

/** The lines from the coefficient block's opening rule to the odds-ratio block's closing rule. */
function blockLines(text: string): string[] {
  const lines = text.split('\n');
  const end = lines.indexOf('');
  return lines.slice(9, end === -1 ? lines.length : end);
}

describe('formatSummary(summary)', () => {
  it.each([
    ['a binary Logit', LOGIT],
    ['a quasi-separated Logit with exponent-form numbers, HC0, no convergence and alpha 0.1', SEPARATED],
    ['an MNLogit with a name that widens the name column', MNLOGIT],
  ])('prints %s line for line as statsmodels does, apart from AIC/BIC, the odds ratios and the numbered note', (_, fixture) => {
    expect(formatSummary(fixture.summary, fixture.summary.model === 'MNLogit' ? { dependent: 'species' } : {})).toBe(expectedText(fixture));
  });

  it('heads each multinomial equation y=<label> in both blocks, numbers as written', () => {
    const equations = [2, 10].map((label) => ({ label, coefficients: [constantRow('const', 0.5), constantRow('x1', -0.25)] }));
    const lines = formatSummary({ ...MNLOGIT.summary, classes: [1, 2, 10], referenceClass: 1, equations }).split('\n');
    const headings = lines.filter((line) => /^ +y=/.test(line)).map((line) => line.slice(0, 21));
    expect(headings).toEqual(['       y=2       coef', '      y=10       coef', '       y=2 Odds Ratio', '      y=10 Odds Ratio']);
    expect(lines.filter((line) => line.startsWith('x1'))).toEqual([
      'x1            -0.2500     -0.250     -0.250     -0.250      -0.250      -0.250',
      'x1            -0.2500     -0.250     -0.250     -0.250      -0.250      -0.250',
      'x1            -0.2500                                       -0.250      -0.250',
      'x1            -0.2500                                       -0.250      -0.250',
    ]);
    // The rules: under the title, above each block; under each heading and between equations.
    expect(lines.filter((line) => /^[-=]+$/.test(line)).map((line) => line[0]).join('')).toBe('==---=---=');
  });

  it.each([
    [0.05, '[0.025', '0.975]'],
    [0.1, '[0.05', '0.95]'],
    [0.01, '[0.005', '0.995]'],
    [0.2, '[0.1', '0.9]'],
    [1e-5, '[5e-06', '0.999995]'],
  ])('heads the intervals by alpha = %s as Python prints alpha/2 and 1 − alpha/2: %s %s', (alpha, lower, upper) => {
    const lines = formatSummary(summaryOf(LOGIT.summary.equations[0]!.coefficients, { alpha })).split('\n');
    const headers = lines.filter((line) => line.includes('coef') || line.includes('Odds Ratio'));
    expect(headers).toHaveLength(2);
    for (const header of headers) expect(header.trim().split(/ +/).slice(-2)).toEqual([lower, upper]);
  });

  it(`shortens a name longer than ${MAX_NAME_WIDTH} characters in the middle and widens the name column for shorter ones`, () => {
    const long = 'customer_lifetime_value_in_euros_before_discount'; // 48 characters: 15 + '...' + 14 are kept
    const exact = 'x'.repeat(MAX_NAME_WIDTH);
    const text = formatSummary(summaryOf([constantRow('const', 1), constantRow(long, 2), constantRow(exact, 3)]));
    const lines = blockLines(text);
    // The name column is 32 wide, so every line of both blocks is 78 + 22 = 100.
    for (const line of lines) expect(line).toHaveLength(100);
    expect(lines.filter((line) => line.startsWith('customer'))).toEqual([
      'customer_lifeti...efore_discount     2.0000      2.000      2.000      2.000       2.000       2.000',
      'customer_lifeti...efore_discount     2.0000                                        2.000       2.000',
    ]);
    expect(lines.filter((line) => line.startsWith('xxx')).map((line) => line.slice(0, 33))).toEqual([`${exact} `, `${exact} `]);
    // The fit-statistics block keeps its 78 columns, as statsmodels' does.
    expect(text.split('\n')[2]).toHaveLength(78);
  });

  it('counts a name’s width in code points, as Python does, so astral characters take one column each', () => {
    const lines = blockLines(formatSummary(summaryOf([constantRow('𝛽_price', 1)])));
    expect(lines[3]).toBe('𝛽_price        1.0000      1.000      1.000      1.000       1.000       1.000');
  });

  it('prints NaN and infinite entries as statsmodels does: nan, inf, -inf, in their columns', () => {
    const rows = [
      row('const', [25.3, NaN, NaN, NaN, NaN, NaN, Math.exp(25.3), NaN, NaN]),
      row('x1', [-Infinity, Infinity, -Infinity, 0, -Infinity, Infinity, 0, 0, Infinity]),
      row('x2', [0.5, 0.25, 2, 0.0455, 0.01, 0.99, Math.exp(0.5), Math.exp(0.01), Math.exp(0.99)]),
    ];
    const text = formatSummary(summaryOf(rows, { llrPValue: NaN, pseudoRSquared: NaN, nObs: NaN }));
    // The expected lines were printed by Python with statsmodels' cell formatter.
    expect(blockLines(text).filter((line) => /^(const|x\d)/.test(line))).toEqual([
      'const         25.3000        nan        nan        nan         nan         nan',
      'x1               -inf        inf       -inf      0.000        -inf         inf',
      'x2             0.5000      0.250      2.000      0.045       0.010       0.990',
      'const        9.72e+10                                          nan         nan',
      'x1                  0                                            0         inf',
      'x2             1.6487                                        1.010       2.691',
    ]);
    const top = text.split('\n');
    expect(top[2]).toBe('Dep. Variable:                      y   No. Observations:                  NaN');
    expect(top[5]!.slice(37)).toBe('   Pseudo R-squ.:                     nan');
    expect(top[8]!.slice(37)).toBe('   LLR p-value:                       nan');
  });

  it('formats numbers as Python does, rounding the exact binary value half to even', () => {
    // [value, coef (forg 4), std err (forg 3), P>|z| (%#6.3f)] as statsmodels 0.13.5 prints them.
    const cases: [number, string, string, string][] = [
      [0.03125, '0.0312', '0.031', '0.031'], // an exact tie: JavaScript's toFixed gives 0.0313
      [-0.03125, '-0.0312', '-0.031', '-0.031'],
      [0.0625, '0.0625', '0.062', '0.062'],
      [0.00015, '0.0001', '0.000', '0.000'], // the double is just below 0.00015
      [9.99995e-5, '0.0001', '0.0001', '0.000'], // below 1e-4: %g form, which rounds up to 0.0001
      [0.99995, '1.0000', '1.000', '1.000'],
      [12345.5, '1.235e+04', '1.23e+04', '12345.500'],
      [1e4, '1e+04', '1e+04', '10000.000'],
      [5e-324, '4.941e-324', '4.94e-324', '0.000'],
      [-0, '-0', '-0', '-0.000'],
      [2.5e-5, '2.5e-05', '2.5e-05', '0.000'],
      [0.0001, '0.0001', '0.000', '0.000'],
    ];
    for (const [value, coef, stdErr, p] of cases) {
      const line = blockLines(formatSummary(summaryOf([constantRow('v', value)])))[3]!;
      expect(line.slice(10).trim().split(/ +/).slice(0, 4), String(value)).toEqual([coef, stdErr, stdErr, p]);
    }
  });

  it('prints the warnings as numbered notes under the table, wrapped at its width, keeping their own line breaks', () => {
    const warnings = [
      'The information matrix is singular to working precision; the standard errors of x2 and x3 are not identified and are printed as nan.',
      'Maximum number of iterations (100) reached.\nThe estimates may be inaccurate.',
    ];
    const lines = formatSummary(summaryOf(LOGIT.summary.equations[0]!.coefficients, { warnings })).split('\n');
    expect(lines.slice(lines.indexOf(''))).toEqual([
      '',
      'Notes:',
      '[1] The information matrix is singular to working precision; the standard',
      'errors of x2 and x3 are not identified and are printed as nan.',
      '[2] Maximum number of iterations (100) reached.',
      'The estimates may be inaccurate.',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('prints every covariance type as given', () => {
    for (const covType of COV_TYPES) {
      const line = formatSummary(summaryOf([], { covType })).split('\n')[8]!;
      expect(line.slice(0, 37)).toBe(`Covariance Type:${covType.padStart(21)}`);
    }
  });

  it('keeps every line of the coefficient and odds-ratio blocks one width, with no trailing spaces, for any numbers and names', () => {
    const number = fc.oneof(fc.double(), fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.constantFrom(0, -0, 1e-4, 1e4, NaN));
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
    const coefficient = fc.tuple(name, fc.array(number, { minLength: 9, maxLength: 9 })).map(([n, v]) => row(n, v));
    fc.assert(
      fc.property(fc.array(coefficient, { minLength: 1, maxLength: 5 }), fc.double({ min: 1e-6, max: 0.999, noNaN: true }), (rows, alpha) => {
        const lines = blockLines(formatSummary(summaryOf(rows, { alpha })));
        const width = [...lines[0]!].length;
        expect(width).toBeGreaterThanOrEqual(78);
        for (const line of lines) {
          expect([...line].length).toBe(width);
          expect(line).not.toMatch(/ $/);
          expect(line).not.toMatch(/\n/);
        }
        expect(lines).toHaveLength(2 * (rows.length + 3) + 1);
      }),
    );
  });
});

describe('formatSummary(summary, options)', () => {
  it('centres a title as Python’s str.center does and names the dependent variable', () => {
    const lines = formatSummary(LOGIT.summary, { title: 'Churn', dependent: 'churned' }).split('\n');
    expect(lines[0]).toBe(`${' '.repeat(36)}Churn${' '.repeat(37)}`);
    expect(lines[2]).toBe('Dep. Variable:                churned   No. Observations:                  200');
  });

  it('widens the fit-statistics block for a dependent name longer than 18 characters, as statsmodels does', () => {
    // statsmodels 0.13.5, summary(yname='a_twenty_char_name_'): the top block is 79 wide, the title centred in 79.
    const lines = formatSummary(LOGIT.summary, { dependent: 'a_twenty_char_name_' }).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '                            Logit Regression Results                           ',
      '===============================================================================',
      'Dep. Variable:     a_twenty_char_name_   No. Observations:                  200',
      'Model:                           Logit   Df Residuals:                      196',
    ]);
    expect(lines[9]).toBe('='.repeat(78));
  });

  it(`shortens a dependent name longer than ${MAX_NAME_WIDTH} characters, in the fit statistics and the equation headings`, () => {
    const dependent = 'the_species_of_iris_as_recorded_by_the_botanist';
    const lines = formatSummary(MNLOGIT.summary, { dependent }).split('\n');
    // The top block's value column widens to 32, as statsmodels widens it to any width.
    expect(lines[2]).toBe('Dep. Variable:     the_species_of_...y_the_botanist   No. Observations:                  150');
    // A heading is shortened as a whole, so the label at its end stays readable.
    expect(lines[10]!.slice(0, 33)).toBe('the_species_of_...the_botanist=b ');
  });

  it('rejects a summary or options of the wrong kind, naming the argument', () => {
    expect(() => formatSummary(null as unknown as SummaryJSON)).toThrow(new TypeError('formatSummary: summary must be a SummaryJSON object, got null'));
    expect(() => formatSummary({ ...LOGIT.summary, equations: undefined } as unknown as SummaryJSON)).toThrow(
      new TypeError('formatSummary: summary.equations must be an array, got undefined'),
    );
    expect(() => formatSummary(LOGIT.summary, { title: 5 } as unknown as { title: string })).toThrow(
      new TypeError('formatSummary: options.title must be a string, got a number'),
    );
  });
});
