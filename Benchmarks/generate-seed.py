#!/usr/bin/env python3
"""Writes a large seed file for the scale benchmark: one public repository, JOBS jobs with
STEPS steps each, JOBS_PER_RUN jobs per run (attempt 1), every field a real seed would carry.
Streams the JSON, so a million jobs need no more memory than one."""
import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--jobs-per-run", type=int, default=1000)
    parser.add_argument("--first-run", type=int, default=50_000_000)
    parser.add_argument("--first-job", type=int, default=900_000_000, help="id of the first job")
    parser.add_argument("--first-index", type=int, default=0, help="where in a larger run this piece starts")
    parser.add_argument("--repository", default="bench/big-repo")
    parser.add_argument("--visibility", default="public", choices=["public", "private", "internal"])
    parser.add_argument("--reader", action="append", default=[], help="a user who may read a private repository")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    # Jobs differ only in a few fields: each is formatted from a template json.dumps made once
    # (a million jobs in seconds rather than minutes), with the same bytes json.dumps gives.
    owner, name = args.repository.split("/")
    repository = {"owner": owner, "name": name, "visibility": args.visibility, "readers": args.reader}
    step_template = json.dumps(
        {"name": "Step {number}", "status": "completed", "conclusion": "success", "number": 0,
         "started_at": "2026-01-01T00:{minute}:{number2}Z", "completed_at": "2026-01-01T00:{minute}:{next2}Z"},
        separators=(",", ":")).replace('"number":0', '"number":{number}')
    job_template = json.dumps({
        "repository": args.repository, "id": 0, "run_id": 1, "name": "test ({a}, {b})", "workflow_name": "CI",
        "head_branch": "main", "status": "completed", "conclusion": "success",
        "started_at": "2026-01-01T00:{minute}:00Z", "completed_at": "2026-01-01T00:{minute}:59Z",
        "labels": ["ubuntu-latest"], "steps": [], "runner_id": 2, "runner_name": "runner {runner}",
        "runner_group_id": 1, "runner_group_name": "Default",
    }, separators=(",", ":"))
    job_template = (job_template.replace("{", "{{").replace("}", "}}")
                    .replace("{{a}}", "{a}").replace("{{b}}", "{b}").replace("{{minute}}", "{minute}")
                    .replace("{{runner}}", "{runner}").replace('"id":0', '"id":{id}').replace('"run_id":1', '"run_id":{run}')
                    .replace('"steps":[]', '"steps":[{steps}]').replace('"runner_id":2', '"runner_id":{runner}'))
    step_template = (step_template.replace("{", "{{").replace("}", "}}").replace("{{number}}", "{number}")
                     .replace("{{minute}}", "{minute}").replace("{{number2}}", "{number2}").replace("{{next2}}", "{next2}"))
    steps_by_minute = [
        ",".join(step_template.format(number=number, minute=f"{minute:02d}", number2=f"{number:02d}", next2=f"{number + 1:02d}")
                 for number in range(1, args.steps + 1))
        for minute in range(50)
    ]
    with open(args.out, "w") as out:
        out.write('{"repositories": [' + json.dumps(repository) + '],\n"jobs": [\n')
        for index in range(args.first_index, args.first_index + args.jobs):
            minute = index % 50
            job = job_template.format(id=args.first_job + index, run=args.first_run + index // args.jobs_per_run,
                                      a=index % 7, b=index % 3, minute=f"{minute:02d}", steps=steps_by_minute[minute],
                                      runner=index % 20 + 1)
            out.write(("," if index > args.first_index else "") + job + "\n")
        out.write("]}\n")

if __name__ == "__main__":
    main()
