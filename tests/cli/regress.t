caspian regress: expected values come from R 4.2.2 (lm, confint, predict,
lmtest), statsmodels 0.13.5 or a hand calculation, as each case says.

All eleven NIST StRD linear datasets, fitted from their CSV files by the
command line and scored by the shared strdcheck tool (every certified figure
must reach LRE 9).  The case passes without scoring when the shared folder or
python3 is missing.

  $ if [ ! -f "$SHARED/tools/strdcheck" ] || ! command -v python3 >/dev/null; then
  >   echo "verdict: PASS (skipped: no shared data or python3)"; exit 0; fi
  > d=$SHARED/data/nist-strd
  > fit() { name=$1; shift; caspian regress --file "$d/$name.csv" "$@" --format json > "$name.json" || echo "$name failed"; }
  > fit Norris y x; fit Pontius y --poly x:2; fit NoInt1 y x --no-intercept
  > fit NoInt2 y x --no-intercept; fit Filip y --poly x:10
  > fit Longley y x1 x2 x3 x4 x5 x6
  > for w in 1 2 3 4 5; do fit Wampler$w y --poly x:5; done
  > python3 -c '
  > import json, sys
  > print("dataset,param,value")
  > for name in sys.argv[1:]:
  >     m = json.load(open(name + ".json"))
  >     first = 0 if m["coefficients"][0]["term"] == "(intercept)" else 1
  >     for j, c in enumerate(m["coefficients"]):
  >         print("%s,b%d,%r" % (name, j + first, c["estimate"]))
  >         print("%s,sd_b%d,%r" % (name, j + first, c["std_error"]))
  >     ssr = m["sst"] - m["sse"]
  >     for k, v in (("rsd", m["sigma"]), ("r2", m["r2"]), ("ss_res", m["sse"]),
  >                  ("ms_res", m["sse"] / m["df_resid"]), ("ss_reg", ssr),
  >                  ("ms_reg", ssr / m["df_model"]), ("f", m["f"]),
  >                  ("df_reg", m["df_model"]), ("df_res", m["df_resid"])):
  >         print("%s,%s,%r" % (name, k, v))
  > ' Norris Pontius NoInt1 NoInt2 Filip Longley Wampler1 Wampler2 Wampler3 Wampler4 Wampler5 > results.csv
  > python3 "$SHARED/tools/strdcheck" --require all --all-datasets results.csv | tail -1
  verdict: PASS.* (re)

A hand-computed line: x = 1 2 3 4, y = 2 3 5 6 gives b = Sxy/Sxx = 7/5 = 1.4,
a = 4 - 1.4 * 2.5 = 0.5, SSE 0.2, s^2 = 0.1, se(b) = sqrt(0.1/5) = 0.141421,
se(a) = sqrt(0.1 (1/4 + 6.25/5)) = 0.387298, R^2 = 1 - 0.2/10 = 0.98,
F = 9.8/0.1 = 98, DW = (0.4^2 + 0.6^2 + 0.4^2)/0.2 = 3.4, Jarque-Bera
4/6 (1.64 - 3)^2/4 = 0.308267 (kurtosis 0.0041/0.05^2), condition number
of the unit-length columns sqrt(1.912871/0.087129) = 4.68556.  p, the
intervals, log-likelihood, AIC and BIC are R's (summary, confint, AIC, BIC).

  $ printf 'x,y\n1,2\n2,3\n3,5\n4,6\n' > hand.csv
  $ caspian regress --file hand.csv y x
  response  y; 4 observations; OLS; standard errors classic
  
  term         estimate  std_error        t          p    ci_low  ci_high
  (intercept)       0.5   0.387298  1.29099     0.3258  -1.16641  2.16641
  x                 1.4   0.141421  9.89949  0.0100505  0.791513  2.00849
  
  R-squared 0.98, adjusted 0.97; F(1, 2) = 98, p = 0.0100505
  residual standard error 0.316228 on 2 df; log-likelihood 0.31571; AIC 5.36858, BIC 3.52746
  Durbin-Watson 3.4; Jarque-Bera 0.308267 (p = 0.857158); Breusch-Godfrey(1) 2.57143 (p = 0.108809)
  condition number 4.68556

CSV has one row per coefficient, round-trip exact; the refinement lands on
the doubles nearest 0.5 and 1.4.

  $ caspian regress --file hand.csv y x --format csv | cut -d, -f1-2
  term,estimate
  (intercept),0.5
  x,1.4

Prediction at x = 5: 7.5 with se_fit = sqrt(0.1 (1/4 + 2.5^2/5)) =
0.38729833462; the confidence interval is 7.5 -/+ qt(0.975, 2) * 0.38729833462
= 7.5 -/+ 1.6664102367, and R's predict(interval="prediction") gives
5.348673635 to 9.651326365.

  $ caspian regress --file hand.csv y x --predict x=5 --format csv
  point,forecast,se_fit,ci_low,ci_high,pi_low,pi_high
  x=5,7\.5,0\.38729833462[0-9]*,5\.8335897633[0-9]*,9\.1664102366[0-9]*,5\.34867363[0-9]*,9\.65132636[0-9]* (re)

Fitted values and residuals (1.9 3.3 4.7 6.1; 0.1 -0.3 0.3 -0.1), by input line.

  $ caspian regress --file hand.csv y x --residuals
  line,actual,fitted,residual
  2,2,1.9,0.1
  3,3,3.3,-0.3
  4,5,4.7,0.3
  5,6,6.1,-0.1

Weights that are whole numbers repeat observations: WLS with weight 2 on
the last row has the estimates of OLS with that row written twice (R:
lm(y ~ x, weights = c(1, 1, 1, 2)) gives 2.170388 and 1.306730, standard
errors 1.3024389 and 0.2570408, t 1.666403 and 5.083745, p 0.23755766 and
0.03658294, confint -3.4335542 to 7.774330 and 0.2007726 to 2.412687).

  $ printf 'x,y,w\n1,3.1,1\n2.5,4.7,1\n4,9.2,1\n7.25,11.3,2\n' > w.csv
  $ printf 'x,y\n1,3.1\n2.5,4.7\n4,9.2\n7.25,11.3\n7.25,11.3\n' > rep.csv
  $ caspian regress --file w.csv y x --weights w | sed -n '1p;4,5p'
  response  y; 4 observations; WLS weighted by w; standard errors classic
  (intercept)   2.17039    1.30244   1.6664   0.237558  -3.43355  7.77433
  x             1.30673   0.257041  5.08374  0.0365829  0.200773  2.41269
  $ caspian regress --file rep.csv y x | sed -n '4,5p' | cut -c1-21
  (intercept)   2.17039
  x             1.30673

Longley (annual 1947-1962) from the store.  R: lm(employed ~ gnp +
unemployed + armed_forces): coefficients 53.306461188 0.040787997
-0.0079681658 -0.0048276584, standard errors 0.71634186 0.0022065813
0.0021340280 0.0025515987, R^2 0.98509957, F 264.44857, logLik -8.6346152,
AIC 27.269230, BIC 31.132174, dwtest 0.90408479, bgtest(order = 2)
4.7529056 (p 0.092879458), jarque.bera.test 1.7878082 (p 0.40905564),
kappa of the unit-length design 20.748819; confint 51.74568636 to
54.8672360191 ...

  $ caspian import --wide "$SRC/datasets/longley/longley.csv" >/dev/null
  $ caspian regress longley.employed longley.gnp longley.unemployed longley.armed_forces --bg-order 2
  response  longley.employed; 16 periods 1947 to 1962; OLS; standard errors classic
  
  term                     estimate   std_error         t            p      ci_low      ci_high
  (intercept)               53.3065    0.716342   74.4148  2.30806e-17     51.7457      54.8672
  longley.gnp              0.040788  0.00220658   18.4847  3.49235e-10   0.0359803    0.0455957
  longley.unemployed    -0.00796817  0.00213403  -3.73386   0.00285375  -0.0126178  -0.00331852
  longley.armed_forces  -0.00482766   0.0025516  -1.89201    0.0828608  -0.0103871  0.000731798
  
  R-squared 0.9851, adjusted 0.981374; F(3, 12) = 264.449, p = 3.18902e-11
  residual standard error 0.479297 on 12 df; log-likelihood -8.63462; AIC 27.2692, BIC 31.1322
  Durbin-Watson 0.904085; Jarque-Bera 1.78781 (p = 0.409056); Breusch-Godfrey(2) 4.75291 (p = 0.0928795)
  condition number 20.7488

Log-linear trend of GNP: R's lm(log(gnp) ~ t), t = 1..16, gives b =
0.055652365637157815, annual growth exp(b) - 1 = 0.057230090337432538 with
95% interval 0.052088320568213886 to 0.062396988982091672; the endpoint CAGR
is (554.894/234.289)^(1/15) - 1 = 0.059165620016977227.  Ten significant
digits must agree.

  $ caspian regress longley.gnp --trend log --format json | grep '"growth"'
   "growth": \{"periods_per_year": 1, "annual_rate": 0\.05723009033[0-9]*, "ci_low": 0\.05208832056[0-9]*, "ci_high": 0\.06239698898[0-9]*, "endpoint_cagr": 0\.059165620016[0-9]*\} (re)

R: exp(predict(mt, data.frame(t = 17:18), interval = "prediction")) gives
602.250323 (544.118036 to 666.593326) for 1963 and 636.71749 (574.05891 to
706.21383) for 1964; se_fit stays on the log scale.

  $ caspian regress longley.gnp --trend log --h 2 | tail -5
  annual growth (log trend) 5.72%, 95% interval 5.21% to 6.24%; endpoint CAGR 5.92%
  
  period  forecast     se_fit   ci_low  ci_high   pi_low  pi_high
  1963      602.25  0.0219798  574.518  631.321  544.118  666.593
  1964     636.717  0.0240024  604.768  670.354  574.059  706.214

Newey-West standard errors on US quarterly macro data, default lag
floor(4 (203/100)^(2/9)) = 4.  statsmodels OLS(...).fit(cov_type="HAC",
cov_kwds={"maxlags": 4, "use_correction": True}): 0.054230396587592912
0.006218454879207207 0.0012527654939774209.

  $ caspian regress --file "$SRC/datasets/macrodata/macrodata.csv" 'log(macro.realcons)' 'log(macro.realdpi)' macro.unemp --se hac | sed -n '1p;4,6p'
  response  log(macro.realcons); 203 periods 1959Q1 to 2009Q3; OLS; standard errors hac (lag 4)
  (intercept)           -0.338838   0.0542304  -6.24812   2.45524e-09  -0.445775    -0.231901
  log(macro.realdpi)      1.03315  0.00621845   166.143  2.78871e-216    1.02089      1.04542
  macro.unemp         -0.00790369  0.00125277  -6.30899   1.77055e-09  -0.010374  -0.00543337

A lag drops the first period, and the drop is reported.

  $ caspian regress --file "$SRC/datasets/macrodata/macrodata.csv" macro.infl macro.infl@-1 macro.unemp --format json | grep -E '"(first|dropped)'
   "first": "1959Q2", "last": "2009Q3",
   "dropped": ["1959Q1 (macro.infl missing)"],

Missing values inside the range are dropped and listed with the series that
lacks them; seasonal dummies are named by quarter.

  $ printf 'series,period,value\n' > q.csv
  $ for i in 0 1 2 3 4 5 6 7 8 9 10 11; do
  >   y=$((2018 + i / 4)); q=$((i % 4 + 1)); v=$((100 + 3 * i + q * q))
  >   [ $i = 5 ] && v=NA
  >   echo "sales,${y}Q$q,$v" >> q.csv; done
  $ caspian regress --file q.csv sales --trend linear --seasonal --format csv | cut -d, -f1
  term
  (intercept)
  t
  Q2
  Q3
  Q4
  $ caspian regress --file q.csv sales --trend linear --seasonal | sed -n 2p
  dropped   1: 2019Q2 (sales missing)

Errors.  Too few observations:

  $ printf 'x,y\n1,2\n2,3\n' > two.csv
  $ caspian regress --file two.csv y x
  caspian: too few observations: 2 for 2 coefficients (at least 3 needed)
  [3]

A singular design names the column that depends on the others:

  $ printf 'a,b,c,y\n1,2,4,3\n2,4.5,8.5,5\n3,6,12,8\n4,8.5,16.5,9\n5,10,20,11.5\n' > sing.csv
  $ caspian regress --file sing.csv y a b c
  caspian: the design is singular: column 'c' is (nearly) a linear combination of the columns before it (relative distance below 1e-10)
  [3]
  $ printf 'a,k,y\n1,2,3\n2,2,5\n3,2,8\n4,2,9\n5,2,11.5\n' > const.csv
  $ caspian regress --file const.csv y a k
  caspian: regressor 'k' is constant, so it is collinear with the intercept
  [3]

Non-positive values under a log trend:

  $ printf 'series,period,value\nv,2017,3.5\nv,2018,4.25\nv,2019,-1\nv,2020,6.5\n' > neg.csv
  $ caspian regress --file neg.csv v --trend log
  caspian: a log model needs positive values: 'v' is -1 at 2019
  [3]

Series that never overlap:

  $ printf 'series,period,value\ny,2000,1\ny,2001,2\ny,2002,3.5\nx,2010,1\nx,2011,2\n' > apart.csv
  $ caspian regress --file apart.csv y x
  caspian: no period where 'y' and every regressor have values ('y' covers 2000 to 2002; 'x' covers 2010 to 2011)
  [3]

Other bad input:

  $ caspian regress --file const.csv y a zz
  caspian: no column 'zz' in const.csv
  [3]
  $ printf 'lbl,y,x\na,2,1\nb,3,2\nc,5,3\n' > lbl.csv
  $ caspian regress --file lbl.csv y lbl
  caspian: lbl.csv:2:1: column 'lbl' is not numeric: 'a'
  [3]
  $ printf 'y,x\n1,0x10\n2,2\n4,3\n' > hex.csv
  $ caspian regress --file hex.csv y x
  caspian: hex.csv:2:2: column 'x' is not numeric: '0x10'
  [3]
  $ printf 'y,x\n1,1\n2\000,2\n4,3\n' > nul.csv
  $ caspian regress --file nul.csv y x
  caspian: nul.csv:3:1: field contains a NUL byte
  [3]
A UTF-8 byte order mark (spreadsheets write one) is not part of the first
column's name.  By hand: x mean 2.55, y mean 2.5, Sxy = 5.2, Sxx = 5.45,
slope 5.2 / 5.45 = 0.954128, intercept 2.5 - 0.954128 * 2.55 = 0.066972.

  $ printf '\357\273\277y,x\n1,1\n2,2.1\n3,2.9\n4,4.2\n' > bom.csv
  $ caspian regress --file bom.csv y x --format csv | awk -F, 'NR > 1 && NR < 4 { printf "%s %.6f\n", $1, $2 }'
  (intercept) 0.066972
  x 0.954128
  $ : > empty.csv
  $ caspian regress --file empty.csv y x
  caspian: empty.csv:1:1: empty input: no header
  [3]
  $ caspian regress --file hand.csv y x --trend linear
  caspian: --trend, --seasonal, --from, --to and --h need series with periods; hand.csv has no 'period' column
  [3]
  $ caspian regress --file hand.csv y x --se bogus
  caspian: regress: --se must be classic, hc1, hac or hac:LAG, not 'bogus'
  try 'caspian regress --help'
  [2]
  $ caspian regress --file hand.csv y 'x@-1'
  caspian: 'x@-1': lags need series with periods
  [3]
  $ caspian regress --file hand.csv y x --level 120
  caspian: regress: --level must be a percentage between 0 and 100, not '120'
  try 'caspian regress --help'
  [2]
  $ caspian regress longley.gnp
  caspian: no regressors: name some, or use --trend or --seasonal
  [3]
