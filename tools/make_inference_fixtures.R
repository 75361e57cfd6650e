# R side of tools/make_inference_fixtures.py (issue 15): one binomial glm and its sandwich
# covariances, written as plain text for the Python script to read back.
#
#     Rscript tools/make_inference_fixtures.R IN.csv OUT.txt [RESTRICTED ...]
#
# IN.csv: columns y (0/1), w (prior weights; all 1 when unweighted), g (cluster id, or NA
# everywhere), x1 ... xd. Each RESTRICTED argument is a comma-separated list of 0-based feature
# indices kept in a restricted model ("" = intercept only, written as "-"); the script adds one
# likelihood-ratio test anova(m0, m1, test = "Chisq") per argument. An argument
# "--epsilon=E" sets glm.control(epsilon = E) (default 1e-14). Note that glm.fit's QR rank
# tolerance is min(1e-7, epsilon/1000): at 1e-14 an exactly collinear column built in floating
# point (x3 = x1 + x2, rounded) is NOT detected as aliased; R's default epsilon 1e-8 detects it.
#
# OUT.txt: one record a line, tab-separated.
#   numeric:  key <TAB> nrow <TAB> ncol <TAB> values row-major, each sprintf("%.17g") or NA
#   text:     key <TAB> text (tabs and newlines replaced by spaces)
# Normally run by the Python script (it needs R 4.2 with r-cran-sandwich 3.0-2).

suppressPackageStartupMessages(library(sandwich))

args <- commandArgs(trailingOnly = TRUE)
# "--epsilon=E" anywhere after OUT.txt replaces glm.control's epsilon (default 1e-14)
eps_arg <- grep("^--epsilon=", args, value = TRUE)
epsilon <- if (length(eps_arg)) as.numeric(sub("^--epsilon=", "", eps_arg[1])) else 1e-14
args <- args[!grepl("^--epsilon=", args)]
d <- read.csv(args[1])
out_path <- args[2]
restricted <- if (length(args) > 2) args[3:length(args)] else character(0)
xs <- grep("^x[0-9]+$", names(d), value = TRUE)
has_groups <- !all(is.na(d$g))

lines <- character(0)
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
emit <- function(key, m) {
  m <- as.matrix(m)
  lines <<- c(lines, paste(c(key, nrow(m), ncol(m), fmt(as.vector(t(m)))), collapse = "\t"))
}
emit_text <- function(key, s) {
  for (one in s) lines <<- c(lines, paste(key, gsub("[\t\n]+", " ", one), sep = "\t"))
}

# Fit y ~ cols, collecting the warnings (as R prints them: "glm.fit: message") instead of
# letting R print them at the end.
#
# glm stops on the relative change of the deviance, which is quadratic in the parameters'
# change: at epsilon = 1e-14 the last step may still move the estimates by ~1e-7 relative,
# and vcov() and sandwich use the IRLS working weights of the iterate BEFORE that step. So a
# clean fit is refitted once from its own estimates (start = coef): that call's working
# weights, estimates, vcov and sandwich matrices are those at the MLE. `iter` stays the first
# fit's count.
fit <- function(cols) {
  rhs <- if (length(cols)) paste(cols, collapse = " + ") else "1"
  caught <- character(0)
  glm_caught <- function(...) withCallingHandlers(
    glm(as.formula(paste("y ~", rhs)), family = binomial(), data = d, weights = w,
        control = glm.control(epsilon = epsilon, maxit = 100), ...),
    warning = function(cond) {
      call <- conditionCall(cond)
      where <- if (is.null(call)) "" else paste0(deparse(call[[1]]), ": ")
      caught <<- c(caught, paste0(where, conditionMessage(cond)))
      invokeRestart("muffleWarning")
    })
  m <- glm_caught()
  iter <- m$iter
  refitted <- FALSE
  if (m$converged && !any(is.na(coef(m))) && !length(caught)) {
    m <- glm_caught(start = coef(m))
    refitted <- TRUE
  }
  list(model = m, warnings = caught, iter = iter, refitted = refitted)
}

f1 <- fit(xs)
m <- f1$model
emit_text("warning", f1$warnings)
emit_text("aliased", names(coef(m))[is.na(coef(m))])
emit("coef_all", coef(m))
emit("coefficients", summary(m)$coefficients)
emit_text("coefficient_names", rownames(summary(m)$coefficients))
emit("deviance", m$deviance)
emit("null_deviance", m$null.deviance)
emit("aic", m$aic)
emit("df_residual", m$df.residual)
emit("df_null", m$df.null)
emit("iter", f1$iter)
emit("refit_iter", m$iter)
emit("refitted", as.numeric(f1$refitted))
emit("epsilon", epsilon)
emit("converged", as.numeric(m$converged))
emit("loglik", as.numeric(logLik(m)))
emit("vcov", vcov(m))
for (type in c("HC0", "HC1", "HC2", "HC3")) {
  v <- tryCatch(vcovHC(m, type = type), error = function(e) {
    emit_text(paste0("error_", type), conditionMessage(e)); NULL })
  if (!is.null(v)) emit(type, v)
}
if (has_groups) {
  v <- tryCatch(vcovCL(m, cluster = d$g, type = "HC1"), error = function(e) {
    emit_text("error_cluster", conditionMessage(e)); NULL })
  if (!is.null(v)) emit("cluster", v)
}
for (k in seq_along(restricted)) {
  spec <- restricted[k]
  keep <- if (spec == "-") integer(0) else as.integer(strsplit(spec, ",")[[1]])
  f0 <- fit(xs[keep + 1])
  a <- anova(f0$model, m, test = "Chisq")
  emit(paste0("lr_", k - 1), c(a$Deviance[2], a$Df[2], a[["Pr(>Chi)"]][2]))
}
writeLines(lines, out_path)
