`caspian check` on the figures of the press release (datasets/uz-az/claims.csv).
Hand calculations (bc -l) behind the rows below:
  CAGR of 9.5-fold over 8 years: e(l(9.5)/8)-1 = .32499869538924719841 (32.50%);
  with 9.45 and 9.55: .32412497186722120295 and .32586840440889904004, so
  32.41% to 32.59% (the end 9.55 is excluded, hence the ")");
  1.32^8 = 9.2170395205042176 and 1.34^8 = 10.3953325454500096: the band
  32-34% means 9.22- to 10.40-fold, and 34% would mean a 10.4-fold rise;
  32.4 x 9.5 = 307.8, from 32.35 x 9.45 = 305.7075 to 32.45 x 9.55 = 309.8975,
  all above 300; 32.35 x 1.32^8 = 298.171 and 32.45 x 1.34^8 = 337.329, so the
  band alone allows 2025 levels on both sides of 300 (partly consistent);
  exports' share of 2017 trade (16 - 9.5) / (16 - 8) = 0.8125, 26.325 of 32.4;
  with rounding (15.5 - 9.55)/(15.5 - 7.5) = 0.74375 to (16.5 - 9.45)/(16.5 - 8.5)
  = 0.88125; imports 0.1875 x 32.4 = 6.075;
  paired regions sqrt(11/4)-1 = .65831239517769992456 (65.83% a year);
  14 flights a week x 365.2425/7 = 730.485 a year.
Interval ends are rounded outward in the table; CSV and JSON carry them exactly.

  $ caspian check "$SRC/datasets/uz-az/claims.csv"
  claim                quantity                                           verdict            stated            implied             exact
  trade_2017           level 2017                                         consistent         [32.35, 32.45)    (31.4136, inf)
  trade_2017           level 2017                                         consistent         [32.35, 32.45)    (28.8591, inf)
  trade_2025           level 2025                                         consistent         (300, inf)        [305.707, 309.898)  307.8
  trade_2025           level 2025                                         partly consistent  (300, inf)        [298.171, 337.329)
  trade_fold           fold 2017-2025                                     consistent         [9.45, 9.55)      [9.21703, 10.3954]
  trade_fold           fold 2017-2025                                     consistent         [9.45, 9.55)      (9.24499, inf)
  trade_fold           fold 2017-2025                                     consistent         [9.45, 9.55)      [7.5, 16.5)
  trade_growth         average annual growth 2017-2025                    consistent         [32.00%, 34.00%]  [32.41%, 32.59%)    32.50%
  trade_growth         average annual growth 2017-2025                    partly consistent  [32.00%, 34.00%]  (32.04%, inf)
  trade_growth         average annual growth 2017-2025                    partly consistent  [32.00%, 34.00%]  [28.64%, 41.97%)
  exports_fold         share of trade.uz_az 2017                          derived                              (74.37%, 88.13%)    81.25%
  exports_fold         level of trade.uz_az.exports 2017                  derived                              (24.0603, 28.5966)  26.325
  exports_fold         level of trade.uz_az.exports 2025                  derived                              (180.452, 243.071)  210.6
  exports_fold         share of the rise 2017-2025                        derived                              (56.54%, 78.22%)    66.91%
  exports_fold         CAGR 2017-2025                                     derived                              [28.64%, 30.68%)    29.68%
  imports_fold         share of trade.uz_az 2017                          derived                              (11.87%, 25.63%)    18.75%
  imports_fold         level of trade.uz_az.imports 2017                  derived                              (3.84156, 8.31532)  6.075
  imports_fold         level of trade.uz_az.imports 2025                  derived                              (63.3857, 128.888)  97.2
  imports_fold         share of the rise 2017-2025                        derived                              (21.78%, 43.46%)    33.09%
  imports_fold         CAGR 2017-2025                                     derived                              [40.86%, 41.97%)    41.42%
  transit_fold         annual rate                                        not derivable
  flights_2026         per year                                           derived                              730.485             730.485
  regions_2023         count                                              unchecked          4
  regions_2025         fold 2023-2025                                     derived                              2.75                2.75
  regions_2025         CAGR 2023-2025                                     derived                              65.83%              65.83%
  regions_territory    share                                              unchecked          [79.50%, 80.50%)
  sister_agreements    count                                              unchecked          [24, inf)
  forums_of_regions    count                                              unchecked          3
  enterprises_2026     count                                              unchecked          [275, 284]
  fund_capital         level                                              unchecked          [499.5, 500.5)
  visits_total         count                                              unchecked          22
  visits_recent_share  level of visits.uz_az.high_level.recent 2018-2025  derived                              [12, 22]
  meetings_2017_2025   yearly average 2017-2025                           derived                              [16.6666, 27.6667]  22.2222
  council_meetings     yearly average 2024-08 to 2025-07                  derived                              2                   2
  parliament_contacts  yearly average 2023-2025                           derived                              [7, inf)
  commission_meetings  yearly average 2017-2025                           derived                              0.555556            0.555556
  cultural_events      yearly average 2022-2025                           derived                              [8.75, 11]          10
  rectors_delegations  count                                              unchecked          [131, inf)
  How each figure was found:
    trade_2017, level 2017: L(2017) = L(2025) / F [trade_2025 trade_fold]
    trade_2017, level 2017: L(2017) = L(2025) / (1 + g)^8 [trade_2025 trade_growth] trade_growth read as a CAGR.
    trade_2025, level 2025: L(2025) = L(2017) x F [trade_2017 trade_fold]
    trade_2025, level 2025: L(2025) = L(2017) x (1 + g)^8 [trade_2017 trade_growth] trade_growth read as a CAGR. The other figures allow values on both sides of the stated bound.
    trade_fold, fold 2017-2025: F = (1 + g)^8 [trade_growth] trade_growth read as a CAGR. The ends of the stated range, 32.00% and 34.00%, would mean 9.217-fold and 10.4-fold.
    trade_fold, fold 2017-2025: F = L(2025) / L(2017) [trade_2017 trade_2025]
    trade_fold, fold 2017-2025: min F_i <= F <= max F_i [exports_fold imports_fold] A total's fold is a weighted mean of its parts' folds (weights: the parts' base-period shares), so it lies between them.
    trade_growth, average annual growth 2017-2025: g = F^(1/8) - 1 [trade_fold] The ends of the stated range, 32.00% and 34.00%, would mean 9.217-fold and 10.4-fold. The stated range is wider than the other figures support. Fits the CAGR reading. The arithmetic mean of yearly rates cannot be computed from the two end values; it is at least the CAGR (32.41% or more).
    trade_growth, average annual growth 2017-2025: g = (L(2025) / L(2017))^(1/8) - 1 [trade_2017 trade_2025] The stated range and the implied one overlap only in part. Fits the CAGR reading. The arithmetic mean of yearly rates cannot be computed from the two end values; it is at least the CAGR (32.05% or more).
    trade_growth, average annual growth 2017-2025: g = F^(1/8) - 1, min F_i <= F <= max F_i [exports_fold imports_fold] A total's fold is a weighted mean of its parts' folds (weights: the parts' base-period shares), so it lies between them. The stated range is narrower than the other figures can confirm. Fits the CAGR reading. The arithmetic mean of yearly rates cannot be computed from the two end values; it is at least the CAGR (28.64% or more).
    exports_fold, share of trade.uz_az 2017: s = (F_other - F) / (F_other - F_part) [trade_fold exports_fold imports_fold trade_2017] Two parts: F = s F_a + (1 - s) F_b fixes the shares.
    exports_fold, level of trade.uz_az.exports 2017: s x L_total [trade_fold exports_fold imports_fold trade_2017]
    exports_fold, level of trade.uz_az.exports 2025: s x F_part x L_total [trade_fold exports_fold imports_fold trade_2017]
    exports_fold, share of the rise 2017-2025: s (F_part - 1) / (F - 1) [trade_fold exports_fold imports_fold trade_2017]
    exports_fold, CAGR 2017-2025: g = F^(1/8) - 1 [exports_fold]
    imports_fold, share of trade.uz_az 2017: s = (F_other - F) / (F_other - F_part) [trade_fold exports_fold imports_fold trade_2017] Two parts: F = s F_a + (1 - s) F_b fixes the shares.
    imports_fold, level of trade.uz_az.imports 2017: s x L_total [trade_fold exports_fold imports_fold trade_2017]
    imports_fold, level of trade.uz_az.imports 2025: s x F_part x L_total [trade_fold exports_fold imports_fold trade_2017]
    imports_fold, share of the rise 2017-2025: s (F_part - 1) / (F - 1) [trade_fold exports_fold imports_fold trade_2017]
    imports_fold, CAGR 2017-2025: g = F^(1/8) - 1 [imports_fold]
    transit_fold, annual rate: g = F^(1/years) - 1 [transit_fold] No period is stated for this 2.1-fold rise, so no annual rate can be derived: the rate depends on the number of years, which the text does not give.
    flights_2026, per year: value x 52.1775 (weeks per year) [flights_2026] If the stated rate held for a whole year.
    regions_2023, count: No other figure in the input bears on this one.
    regions_2025, fold 2023-2025: F = L(2025) / L(2023) [regions_2023 regions_2025]
    regions_2025, CAGR 2023-2025: g = (L(2025) / L(2023))^(1/2) - 1 [regions_2023 regions_2025]
    regions_territory, share: No other figure in the input bears on this one.
    sister_agreements, count: No other figure in the input bears on this one.
    forums_of_regions, count: No other figure in the input bears on this one.
    enterprises_2026, count: No other figure in the input bears on this one.
    fund_capital, level: No other figure in the input bears on this one.
    visits_total, count: No other figure in the input bears on this one.
    visits_recent_share, level of visits.uz_az.high_level.recent 2018-2025: share x L(visits.uz_az.high_level) [visits_recent_share visits_total] A part of a count is a whole number.
    meetings_2017_2025, yearly average 2017-2025: value / 9 years (the span counts both ends) [meetings_2017_2025]
    council_meetings, yearly average 2024-08 to 2025-07: value / 1 years (the span counts both ends) [council_meetings]
    parliament_contacts, yearly average 2023-2025: value / 3 years (the span counts both ends) [parliament_contacts]
    commission_meetings, yearly average 2017-2025: value / 9 years (the span counts both ends) [commission_meetings]
    cultural_events, yearly average 2022-2025: value / 4 years (the span counts both ends) [cultural_events]
    rectors_delegations, count: No other figure in the input bears on this one.
  23 claims, 38 findings: 7 consistent, 3 partly consistent, 0 inconsistent, 19 derived, 1 not derivable, 8 unchecked.

The same as CSV: rates are fractions, every end exact; the CAGR row for
the 32-34% claim derived from the 9.5-fold rise:

  $ caspian check "$SRC/datasets/uz-az/claims.csv" --format csv | grep -E '^(claim|trade_growth,.*,trade_fold,)'
  claim,subject,quantity,verdict,unit,stated_lo,stated_lo_open,stated_hi,stated_hi_open,implied_lo,implied_lo_open,implied_hi,implied_hi_open,implied_exact,gap,formula,sources,note
  trade_growth,trade.uz_az,average annual growth 2017-2025,consistent,percent,0.31999999999999995,0,0.3400000000000001,0,0.3241249718672208,0,0.3258684044088995,1,0.3249986953892472,,g = F^(1/8) - 1,trade_fold,"The ends of the stated range, 32.00% and 34.00%, would mean 9.217-fold and 10.4-fold. The stated range is wider than the other figures support. Fits the CAGR reading. The arithmetic mean of yearly rates cannot be computed from the two end values; it is at least the CAGR (32.41% or more)."

No claim is inconsistent, so the exit status is 0.  A file whose figures
disagree exits with 1: 32.4 x 9.5 allows [305.7075, 309.8975), but 250 is
printed, [249.5, 250.5): the gap is 305.7075 - 250.5 = 55.2075.

  $ printf 'id,kind,subject,to,from,value,unit,sentence\na,level,t,2017,,32.4,USD million,s\nb,level,t,2025,,250,USD million,s\nf,fold,t,2025,2017,9.5,fold,s\n' > bad.csv
  > caspian check bad.csv --format csv | cut -d, -f1,3,4,10,12,15
  claim,quantity,verdict,implied_lo,implied_hi,gap
  a,level 2017,inconsistent,26.12565445026177,26.507936507936517,5.8420634920634775
  b,level 2025,inconsistent,305.7074999999998,309.8975000000002,55.20749999999981
  f,fold 2017-2025,inconsistent,7.688751926040059,7.743431221020095,1.7065687789799027
  f,CAGR 2017-2025,derived,0.3241249718672208,0.3258684044088995,
  $ caspian check bad.csv > /dev/null
  [1]

JSON for scripts, from stdin.  An infinite end is null in JSON (its *_open
flag is 1).  9.5-fold and a CAGR of 32.5% agree: 1.3245^8 = 9.4714 and
1.3255^8 = 9.5288 (bc) lie around 9.5.

  $ printf 'id,kind,subject,from,to,value,unit,sentence\nf,fold,t,2017,2025,9.5,fold,s\ng,cagr,t,2017,2025,32.5,percent,s\n' | caspian check - --format json
  [
   {"claim": "f", "subject": "t", "quantity": "fold 2017-2025", "verdict": "consistent", "unit": "fold", "stated_lo": 9.449999999999998, "stated_lo_open": 0, "stated_hi": 9.550000000000002, "stated_hi_open": 1, "implied_lo": 9.47143320962042, "implied_lo_open": 0, "implied_hi": 9.528792209170486, "implied_hi_open": 1, "implied_exact": 9.50007483083511, "gap": null, "formula": "F = (1 + g)^8", "sources": "g", "note": ""},
   {"claim": "g", "subject": "t", "quantity": "CAGR 2017-2025", "verdict": "consistent", "unit": "percent", "stated_lo": 0.32449999999999996, "stated_lo_open": 0, "stated_hi": 0.32550000000000007, "stated_hi_open": 1, "implied_lo": 0.3241249718672208, "implied_lo_open": 0, "implied_hi": 0.3258684044088995, "implied_hi_open": 1, "implied_exact": 0.3249986953892472, "gap": null, "formula": "g = F^(1/8) - 1", "sources": "f", "note": ""}
  ]

"Average annual growth" has two readings.  With the yearly values stored, the
arithmetic mean of the yearly rates can be computed: 100, 150, 75, 150 has
rates +50%, -50%, +100%, mean 33.33%, while the CAGR is 1.5^(1/3)-1 = 14.47%.
A stated 33% fits the mean and not the CAGR.

  $ printf 'series,period,value\nv,2000,100\nv,2001,150\nv,2002,75\nv,2003,150\n' > v.csv
  > printf 'id,kind,subject,from,to,value,unit,sentence\nm,avg_growth,v,2000,2003,33,percent,s\n' > m.csv
  > caspian check m.csv --file v.csv
  claim  quantity                         verdict            stated            implied            exact
  m      average annual growth 2000-2003  partly consistent  [32.50%, 33.50%)  14.47%             14.47%
  m      mean yearly rate 2000-2003       consistent         [32.50%, 33.50%)  33.33%             33.33%
  m      fold 2000-2003                   derived                              [2.3262, 2.37928)  2.35264
  How each figure was found:
    m, average annual growth 2000-2003: g = (v(2003) / v(2000))^(1/3) - 1 [series:v] From the stored values. The stated figure misses the implied one by 18.03 percentage points. Read as a CAGR it does not fit; read as the arithmetic mean of yearly rates it may (that mean is at least the CAGR), but the mean cannot be computed from the two end values.
    m, mean yearly rate 2000-2003: mean of (v(t) / v(t-1))^(1/years) - 1 [series:v] The arithmetic-mean reading, over 3 rates.
    m, fold 2000-2003: F = (1 + g)^3 [m] Average annual growth read as a CAGR.
  1 claims, 3 findings: 1 consistent, 1 partly consistent, 0 inconsistent, 1 derived, 0 not derivable, 0 unchecked.

A claim whose span reaches before the series cannot be checked against it;
the finding names the claim's own quantity and says why:

  $ printf 'id,kind,subject,from,to,value,unit,sentence\nz,cagr,v,1990,2003,5,percent,s\n' > z.csv
  > caspian check z.csv --file v.csv --format csv | cut -d, -f1,3,4,16,18
  claim,quantity,verdict,formula,note
  z,CAGR 1990-2003,not derivable,g = (v(2003) / v(1990))^(1/13) - 1,The figures cannot be combined: v has no value at 1990.
  z,fold 1990-2003,derived,F = (1 + g)^13,

Stored series come from the store with --series, too.

  $ caspian import "$SRC/datasets/uz-az/series.csv" > /dev/null
  > caspian check "$SRC/datasets/uz-az/claims.csv" --series 'regions.*' --format csv | grep series: | cut -d, -f1,3,4,14
  regions_2023,level 2023,consistent,4
  regions_2025,level 2025,consistent,11

Errors: a malformed file names the file, the line and the field (its number in
the row, as for imports; exit 3); a file
that cannot be read exits with 4; a bad command line with 2.

  $ printf 'id,kind,subject,value,unit,sentence\na,fold,t,9.5,fold,s\nb,folds,t,2,fold,s\n' > typo.csv
  > caspian check typo.csv
  caspian: typo.csv:3:2: unknown kind 'folds' (level, count, fold, pct_change, cagr, avg_growth, share, rate)
  [3]
  $ printf 'id,kind,subject,value,unit,sentence\na,fold,t,"9,5",fold,s\n' | caspian check -
  caspian: -:2:4: value '9,5' is not a decimal number (digits with an optional '.', sign and exponent; no spaces or separators)
  [3]
  $ caspian check nothing.csv
  caspian: cannot open nothing.csv: No such file or directory
  [4]
  $ caspian check
  caspian: check: expected CLAIMS.csv
  try 'caspian check --help'
  [2]
  $ caspian check a.csv b.csv
  caspian: check: expected one claims file
  try 'caspian check --help'
  [2]
  $ caspian check typo.csv --format xml
  caspian: check: --format must be table, csv or json, not 'xml'
  try 'caspian check --help'
  [2]
