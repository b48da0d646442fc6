# The R side of compare-r.sh: the analyses of the engine's column, in R survival, on the same cohort CSV.
#   Rscript core/benchmarks/r/compare.R COHORT.csv REPS OUT.tsv
# Reading the CSV and deriving the endpoints (as the platform's EndpointDerivation does: OS to death or last
# follow-up, DFS to the earlier of recurrence and death, or last follow-up) are not timed. Each analysis runs
# once untimed, then REPS times under system.time; OUT.tsv gets one line per analysis and run: name, elapsed
# seconds. The Cox fits are what the engine reports with them: coxph (its result carries Harrell's C) and
# cox.zph(fit) (transform "km"); "coxph" alone is timed too.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]; reps <- as.integer(args[2]); out <- args[3]

d <- read.csv(file, colClasses = "character", na.strings = "")
day <- function(x) as.numeric(as.Date(x))
t0 <- day(d$treatment_date); rec <- day(d$recurrence_date); death <- day(d$death_date)
last <- day(d$last_followup_date)
os_time <- ifelse(is.na(death), last, death) - t0
os_event <- as.integer(!is.na(death))
first <- pmin(rec, death, na.rm = TRUE)
dfs_event <- as.integer(!is.na(first))
dfs_time <- ifelse(is.na(first), last, first) - t0
arm <- factor(d$arm, levels = c("RFA", "RFA+RT"))
mvi <- as.numeric(d$mvi)
age <- as.numeric(d$age)
child_pugh <- factor(d$child_pugh, levels = c("A", "B"))
margin_mm <- as.numeric(d$margin_mm)
cohort <- data.frame(os_time, os_event, dfs_time, dfs_event, arm, mvi, age, child_pugh, margin_mm)
rm(d)
cat(sprintf("R %s, survival %s: %d patients, %d OS events, %d DFS events\n",
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("survival"),
            nrow(cohort), sum(os_event), sum(dfs_event)))

cox_formula <- Surv(os_time, os_event) ~ arm + mvi + age + child_pugh + margin_mm
analyses <- list(
  kaplanMeierByArm = function() {
    fit <- survfit(Surv(os_time, os_event) ~ arm, data = cohort, conf.type = "log-log")
    list(summary(fit, times = c(730, 1095)), summary(fit, rmean = 1095)$table)
  },
  logRank = function() survdiff(Surv(os_time, os_event) ~ arm, data = cohort),
  cox = function() {
    fit <- coxph(cox_formula, data = cohort, ties = "efron")
    list(fit$concordance, cox.zph(fit))
  },
  coxBreslow = function() {
    fit <- coxph(cox_formula, data = cohort, ties = "breslow")
    list(fit$concordance, cox.zph(fit))
  },
  coxModelOnly = function() coxph(cox_formula, data = cohort, ties = "efron"),
  dfs = function() {
    fit <- survfit(Surv(dfs_time, dfs_event) ~ arm, data = cohort, conf.type = "log-log")
    list(summary(fit, times = 730), survdiff(Surv(dfs_time, dfs_event) ~ arm, data = cohort),
         coxph(Surv(dfs_time, dfs_event) ~ arm, data = cohort, ties = "efron"))
  })

lines <- character()
for (name in names(analyses)) {
  f <- analyses[[name]]
  invisible(f())
  for (r in seq_len(reps)) {
    gc()
    lines <- c(lines, sprintf("%s\t%.4f", name, system.time(f())[["elapsed"]]))
  }
  cat(name, "done\n")
}
fit <- coxph(cox_formula, data = cohort, ties = "efron")
lines <- c(lines, sprintf("coef.%s\t%.17g", names(coef(fit)), coef(fit)),
           sprintf("concordance\t%.17g", fit$concordance[["concordance"]]))
writeLines(lines, out)
