-- Every project's year of reports for red/yellow/green and the dashboard is read by month
-- range: a covering index so that the read touches only these four columns.
CREATE INDEX progress_reports_month ON progress_reports (counted_month, project_id, state, accepted_amount);
