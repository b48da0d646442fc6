# REDCap mapping profile: HCC RFA with or without radiotherapy (project "HCC-RFA-RT").
#
# Maps a REDCap flat CSV export ("CSV (raw data)", all events, all instruments) onto the canonical
# cohort CSV (shared contract cohort-csv.md). The profile is read again for every export, so an edit
# applies to the next file dropped into the REDCap inbox without a restart.
#
# Keys (field names match case-insensitively):
#   record              the field identifying a record: all rows of one record become one patient row
#   drop                fields left out, comma-separated, * as a wildcard
#   rename.FIELD        the canonical column the field becomes (unrenamed fields keep their name and
#                       are imported as extra covariates)
#   code.FIELD.CODE     code list: the value written for CODE (REDCap raw codes, yes/no, ...)
#   date.formats        input date patterns tried in order, separated by |, java DateTimeFormatter
#                       syntax, parsed strictly (31/02/2020 stays as it is and is rejected)
#   date.fields         the fields holding dates; written as ISO yyyy-MM-dd
#   scale.FIELD         unit conversion by a factor (margin in cm -> mm: 10)
#   collapse.FIELD      which non-empty value of a record's rows (repeating events and instruments)
#                       is kept: first, last, min or max (file order; min/max numeric, or by date)
#   collapse.default    the same for every other field (default: first)
#
# Order per value: code list, then date format, then unit conversion, then collapse.
# A value that cannot be converted is passed on unchanged, so the platform's validator rejects that
# row and names line, column and reason; line numbers in the report refer to the mapped file
# (line 2 = the first record).

record = record_id
drop = redcap_event_name, redcap_repeat_instrument, redcap_repeat_instance, redcap_data_access_group, *_complete

rename.record_id = patient_id
rename.centre = site
rename.randomisation_arm = arm
rename.rt_tech = rt_technique
rename.rt_dose = rt_dose_gy
rename.rt_fx = rt_fractions
rename.recurrent = recurrent_hcc
rename.age_years = age
rename.gender = sex
rename.cp_class = child_pugh
rename.bclc_stage = bclc
rename.tumour_size_cm = tumor_size_cm
rename.tumour_n = tumor_count
rename.afp = afp_ng_ml
rename.mvi_path = mvi
rename.margin_cm = margin_mm
rename.rfa_date = treatment_date
rename.recur_date = recurrence_date
rename.death_dt = death_date
rename.fu_date = last_followup_date
rename.mrecist_1m = response_mrecist
rename.ctcae_grade = ae_max_grade

code.randomisation_arm.1 = RFA
code.randomisation_arm.2 = RFA+RT
code.rt_tech.0 = none
code.rt_tech.1 = IMRT
code.rt_tech.2 = SBRT
code.recurrent.yes = 1
code.recurrent.no = 0
code.gender.1 = M
code.gender.2 = F
code.cp_class.1 = A
code.cp_class.2 = B
code.cp_class.3 = C
code.mvi_path.yes = 1
code.mvi_path.no = 0
code.mvi_path.unknown =
code.mrecist_1m.1 = CR
code.mrecist_1m.2 = PR
code.mrecist_1m.3 = SD
code.mrecist_1m.4 = PD

date.formats = yyyy-MM-dd|dd-MM-yyyy|dd/MM/yyyy|yyyy-MM-dd HH:mm
date.fields = rfa_date, recur_date, death_dt, fu_date

scale.margin_cm = 10

collapse.default = first
# the first recurrence, the latest contact, the worst adverse event over the follow-up events
collapse.recur_date = min
collapse.fu_date = max
collapse.ctcae_grade = max
