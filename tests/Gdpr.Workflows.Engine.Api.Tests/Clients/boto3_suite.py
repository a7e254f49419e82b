"""Drives every operation of the local Step Functions API with boto3, a client this project did not write.

Each answer is checked against botocore's service model of AWS Step Functions: the raw JSON of every response
(required members present, no member the model lacks, each of its type, enums within their values, timestamps as
epoch numbers), and every error's code declared by the model for that operation. The results are written as JSON
(one entry per check, by operation) for the xunit test that runs this script; the script itself never fails.

usage: boto3_suite.py --endpoint URL --signed-endpoint URL --access-key ID --secret-key KEY --report FILE
"""

import argparse
import base64
import json
import os
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

ROLE = "arn:aws:iam::123456789012:role/sfn-local"
QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/callbacks"

results = []
last_raw = {}


def machine(states, start):
    return json.dumps({"StartAt": start, "States": states})


PASS = machine({"Done": {"Type": "Pass", "Result": {"ok": True}, "End": True}}, "Done")
FAIL = machine({"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it failed"}}, "Boom")
TWO_STEPS = machine({"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Result": "b", "ResultPath": "$.b", "End": True}}, "A")


def callback(heartbeat=None):
    task = {
        "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": QUEUE, "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": True,
    }
    if heartbeat:
        task["HeartbeatSeconds"] = heartbeat
        task["Catch"] = [{"ErrorEquals": ["States.HeartbeatTimeout"], "ResultPath": "$.error", "Next": "TimedOut"}]
        return machine({"Wait": task, "TimedOut": {"Type": "Pass", "End": True}}, "Wait")
    return machine({"Wait": task}, "Wait")


class Suite:
    def __init__(self, endpoint):
        config = botocore.config.Config(inject_host_prefix=False, retries={"max_attempts": 1})
        self.sfn = boto3.client(
            "stepfunctions",
            endpoint_url=endpoint,
            region_name="eu-west-2",
            aws_access_key_id="anything",
            aws_secret_access_key="anything",
            config=config,
        )
        self.model = self.sfn.meta.service_model
        self.sfn.meta.events.register("before-parse.sfn.*", self._capture)
        self.prefix = "t%d" % int(time.time() * 1000 % 10_000_000)

    def _capture(self, operation_model, response_dict, **_):
        last_raw["operation"] = operation_model.name
        last_raw["status"] = response_dict["status_code"]
        last_raw["body"] = response_dict["body"]

    # -- checking -------------------------------------------------------------------------------------------

    def call(self, operation, **params):
        """Calls and validates the raw answer against the model; returns the parsed answer."""
        method = getattr(self.sfn, _snake(operation))
        parsed = method(**params)
        raw = json.loads(last_raw["body"] or b"{}")
        problems = validate(self.model.operation_model(operation).output_shape, raw, "")
        if problems:
            raise AssertionError("%s answer breaks the service model: %s" % (operation, "; ".join(problems)))
        return parsed

    def error(self, operation, code, **params):
        """Calls expecting AWS's error `code`, declared by the model for this operation, in AWS's error shape."""
        try:
            getattr(self.sfn, _snake(operation))(**params)
        except botocore.exceptions.ClientError as e:
            got = e.response["Error"]["Code"]
            assert got == code, "%s: expected %s, got %s (%s)" % (operation, code, got, e.response["Error"].get("Message"))
            declared = {s.name for s in self.model.operation_model(operation).error_shapes}
            assert code in declared, "%s is not an error the model declares for %s" % (code, operation)
            body = json.loads(last_raw["body"])
            assert body.get("__type") == code and isinstance(body.get("message"), str), "error shape: %r" % body
            assert last_raw["status"] == 400, "status %s" % last_raw["status"]
            return e.response
        raise AssertionError("%s: expected %s, but the call succeeded" % (operation, code))

    def check(self, operation, name, body):
        try:
            body()
            results.append({"operation": operation, "check": name, "passed": True})
        except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the suite
            results.append({"operation": operation, "check": name, "passed": False, "detail": "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=3))})

    # -- helpers ----------------------------------------------------------------------------------------------

    def create(self, name, definition, type_="STANDARD", **extra):
        return self.call("CreateStateMachine", name=self.prefix + name, definition=definition, roleArn=ROLE, type=type_, **extra)["stateMachineArn"]

    def wait_status(self, arn, statuses=("SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"), timeout=15):
        deadline = time.time() + timeout
        while True:
            d = self.call("DescribeExecution", executionArn=arn)
            if d["status"] in statuses or time.time() > deadline:
                return d
            time.sleep(0.05)

    def token_of(self, execution_arn, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            events = self.call("GetExecutionHistory", executionArn=execution_arn, reverseOrder=True)["events"]
            for e in events:
                if e["type"] == "TaskScheduled":
                    return json.loads(e["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
            time.sleep(0.05)
        raise AssertionError("no TaskScheduled event in %s" % execution_arn)

    # -- the operations ------------------------------------------------------------------------------------

    def run(self, signed_endpoint, access_key, secret_key):
        sm = self.create("pass", PASS)
        callback_sm = self.create("callback", callback())

        def create_idempotent():
            again = self.create("pass", PASS)
            assert again == sm, (again, sm)

        self.check("CreateStateMachine", "same name, definition and role again answers the same ARN", create_idempotent)
        self.check("CreateStateMachine", "another definition under the name is StateMachineAlreadyExists",
                   lambda: self.error("CreateStateMachine", "StateMachineAlreadyExists", name=self.prefix + "pass", definition=FAIL, roleArn=ROLE))
        self.check("CreateStateMachine", "a broken definition is InvalidDefinition",
                   lambda: self.error("CreateStateMachine", "InvalidDefinition", name=self.prefix + "bad", definition=machine({"A": {"Type": "Pass", "Next": "Nowhere"}}, "A"), roleArn=ROLE))
        self.check("CreateStateMachine", "a name with spaces is InvalidName",
                   lambda: self.error("CreateStateMachine", "InvalidName", name="not valid", definition=PASS, roleArn=ROLE))
        self.check("CreateStateMachine", "a role that is no IAM role ARN is InvalidArn",
                   lambda: self.error("CreateStateMachine", "InvalidArn", name=self.prefix + "x", definition=PASS, roleArn="role"))

        def describe():
            d = self.call("DescribeStateMachine", stateMachineArn=sm)
            assert d["name"] == self.prefix + "pass" and d["definition"] == PASS and d["roleArn"] == ROLE and d["type"] == "STANDARD" and d["status"] == "ACTIVE", d

        self.check("DescribeStateMachine", "answers name, definition, role, type, status", describe)
        self.check("DescribeStateMachine", "an unknown ARN is StateMachineDoesNotExist",
                   lambda: self.error("DescribeStateMachine", "StateMachineDoesNotExist", stateMachineArn=sm + "-missing"))
        self.check("DescribeStateMachine", "a malformed ARN is InvalidArn",
                   lambda: self.error("DescribeStateMachine", "InvalidArn", stateMachineArn="arn:nope"))

        def list_machines():
            for i in range(3):
                self.create("page%d" % i, PASS)
            first = self.call("ListStateMachines", maxResults=2)
            assert len(first["stateMachines"]) == 2 and "nextToken" in first, first
            names = [m["name"] for m in first["stateMachines"]]
            token = first["nextToken"]
            while token:
                page = self.call("ListStateMachines", maxResults=2, nextToken=token)
                names += [m["name"] for m in page["stateMachines"]]
                token = page.get("nextToken")
            assert len(names) == len(set(names)), names
            assert {self.prefix + "page%d" % i for i in range(3)} <= set(names), names
            paginated = [m["name"] for p in self.sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 2}) for m in p["stateMachines"]]
            assert sorted(paginated) == sorted(names), (paginated, names)

        self.check("ListStateMachines", "pages with nextToken, as boto3's paginator reads them", list_machines)
        self.check("ListStateMachines", "a foreign nextToken is InvalidToken",
                   lambda: self.error("ListStateMachines", "InvalidToken", nextToken="bm90LWEtdG9rZW4="))

        def update():
            arn = self.create("update", PASS)
            answer = self.call("UpdateStateMachine", stateMachineArn=arn, definition=TWO_STEPS)
            assert answer["updateDate"] and answer["revisionId"], answer
            assert self.call("DescribeStateMachine", stateMachineArn=arn)["definition"] == TWO_STEPS

        self.check("UpdateStateMachine", "a new definition is described afterwards", update)
        self.check("UpdateStateMachine", "nothing to update is MissingRequiredParameter",
                   lambda: self.error("UpdateStateMachine", "MissingRequiredParameter", stateMachineArn=sm))
        self.check("UpdateStateMachine", "an unknown ARN is StateMachineDoesNotExist",
                   lambda: self.error("UpdateStateMachine", "StateMachineDoesNotExist", stateMachineArn=sm + "-missing", definition=PASS))

        def delete():
            arn = self.create("delete", PASS)
            self.call("DeleteStateMachine", stateMachineArn=arn)
            self.error("DescribeStateMachine", "StateMachineDoesNotExist", stateMachineArn=arn)
            self.error("StartExecution", "StateMachineDoesNotExist", stateMachineArn=arn)
            self.call("DeleteStateMachine", stateMachineArn=arn)

        self.check("DeleteStateMachine", "deleted machines are gone; deleting again is no error", delete)
        self.check("DeleteStateMachine", "a malformed ARN is InvalidArn",
                   lambda: self.error("DeleteStateMachine", "InvalidArn", stateMachineArn="nope"))

        def validate_ok():
            answer = self.call("ValidateStateMachineDefinition", definition=PASS)
            assert answer["result"] == "OK" and answer["diagnostics"] == [], answer

        def validate_fail():
            answer = self.call("ValidateStateMachineDefinition", definition=machine({"A": {"Type": "Pass", "Next": "Nowhere"}}, "A"))
            assert answer["result"] == "FAIL" and answer["diagnostics"][0]["code"] == "MISSING_TRANSITION_TARGET" and answer["diagnostics"][0]["severity"] == "ERROR", answer

        self.check("ValidateStateMachineDefinition", "a valid definition is OK", validate_ok)
        self.check("ValidateStateMachineDefinition", "a missing Next target is a FAIL diagnostic", validate_fail)
        self.check("ValidateStateMachineDefinition", "a type outside the enum is ValidationException",
                   lambda: self.error("ValidateStateMachineDefinition", "ValidationException", definition=PASS, type="WEIRD"))

        # -- executions
        def start():
            answer = self.call("StartExecution", stateMachineArn=sm, name=self.prefix + "first", input='{"a": 1}')
            assert answer["executionArn"].endswith(":execution:%spass:%sfirst" % (self.prefix, self.prefix)), answer
            assert self.wait_status(answer["executionArn"])["status"] == "SUCCEEDED"

        def start_idempotent():
            first = self.call("StartExecution", stateMachineArn=callback_sm, name=self.prefix + "idem", input="{}")["executionArn"]
            again = self.call("StartExecution", stateMachineArn=callback_sm, name=self.prefix + "idem", input="{}")["executionArn"]
            assert first == again
            self.error("StartExecution", "ExecutionAlreadyExists", stateMachineArn=callback_sm, name=self.prefix + "idem", input='{"other": true}')
            self.call("StopExecution", executionArn=first)

        self.check("StartExecution", "starts and runs to SUCCEEDED", start)
        self.check("StartExecution", "same name and input while running is the same execution; other input ExecutionAlreadyExists", start_idempotent)
        self.check("StartExecution", "input that is not JSON is InvalidExecutionInput",
                   lambda: self.error("StartExecution", "InvalidExecutionInput", stateMachineArn=sm, input="{not json"))
        self.check("StartExecution", "an unknown machine is StateMachineDoesNotExist",
                   lambda: self.error("StartExecution", "StateMachineDoesNotExist", stateMachineArn=sm + "-missing"))

        express = self.create("express", TWO_STEPS, type_="EXPRESS")

        def start_sync():
            answer = self.call("StartSyncExecution", stateMachineArn=express, input='{"x": 1}')
            assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == {"x": 1, "b": "b"}, answer
            assert ":express:" in answer["executionArn"], answer

        def start_sync_failed():
            arn = self.create("expressfail", FAIL, type_="EXPRESS")
            answer = self.call("StartSyncExecution", stateMachineArn=arn)
            assert answer["status"] == "FAILED" and answer["error"] == "Custom.Error" and answer["cause"] == "it failed", answer

        self.check("StartSyncExecution", "an EXPRESS machine answers its output", start_sync)
        self.check("StartSyncExecution", "a failing EXPRESS machine answers FAILED with error and cause", start_sync_failed)
        self.check("StartSyncExecution", "a STANDARD machine is StateMachineTypeNotSupported",
                   lambda: self.error("StartSyncExecution", "StateMachineTypeNotSupported", stateMachineArn=sm))

        def describe_execution():
            arn = self.call("StartExecution", stateMachineArn=sm, input='{"in": 1}')["executionArn"]
            d = self.wait_status(arn)
            assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"ok": True} and json.loads(d["input"]) == {"in": 1}, d
            assert d["stopDate"] >= d["startDate"] and d["redriveStatus"] == "NOT_REDRIVABLE", d

        def describe_failed():
            arn = self.call("StartExecution", stateMachineArn=self.create("fail", FAIL))["executionArn"]
            d = self.wait_status(arn)
            assert d["status"] == "FAILED" and d["error"] == "Custom.Error" and d["cause"] == "it failed" and d["redriveStatus"] == "REDRIVABLE", d

        self.check("DescribeExecution", "a succeeded execution with input, output and dates", describe_execution)
        self.check("DescribeExecution", "a failed execution with error and cause", describe_failed)
        self.check("DescribeExecution", "an unknown execution is ExecutionDoesNotExist",
                   lambda: self.error("DescribeExecution", "ExecutionDoesNotExist", executionArn=sm.replace(":stateMachine:", ":execution:") + ":missing"))

        listed = self.create("listed", PASS)

        def list_executions():
            arns = [self.call("StartExecution", stateMachineArn=listed, name="e%d" % i)["executionArn"] for i in range(5)]
            for a in arns:
                self.wait_status(a)
            first = self.call("ListExecutions", stateMachineArn=listed, maxResults=2)
            assert len(first["executions"]) == 2 and first.get("nextToken"), first
            seen = [e["executionArn"] for e in first["executions"]]
            token = first["nextToken"]
            while token:
                page = self.call("ListExecutions", stateMachineArn=listed, maxResults=2, nextToken=token)
                seen += [e["executionArn"] for e in page["executions"]]
                token = page.get("nextToken")
            assert sorted(seen) == sorted(arns), (seen, arns)
            starts = [e["startDate"] for p in self.sfn.get_paginator("list_executions").paginate(stateMachineArn=listed) for e in p["executions"]]
            assert starts == sorted(starts, reverse=True), "newest first"

        def list_filtered():
            assert len(self.call("ListExecutions", stateMachineArn=listed, statusFilter="SUCCEEDED")["executions"]) == 5
            assert self.call("ListExecutions", stateMachineArn=listed, statusFilter="FAILED")["executions"] == []
            assert self.call("ListExecutions", stateMachineArn=listed, redriveFilter="REDRIVEN")["executions"] == []

        self.check("ListExecutions", "pages of maxResults with nextToken, newest first", list_executions)
        self.check("ListExecutions", "statusFilter and redriveFilter", list_filtered)
        self.check("ListExecutions", "an unknown machine is StateMachineDoesNotExist",
                   lambda: self.error("ListExecutions", "StateMachineDoesNotExist", stateMachineArn=sm + "-missing"))
        self.check("ListExecutions", "an EXPRESS machine is StateMachineTypeNotSupported",
                   lambda: self.error("ListExecutions", "StateMachineTypeNotSupported", stateMachineArn=express))
        self.check("ListExecutions", "a token of another listing is InvalidToken",
                   lambda: self.error("ListExecutions", "InvalidToken", stateMachineArn=listed, nextToken=base64.b64encode(b"stateMachines\nx").decode()))

        def history():
            arn = self.call("StartExecution", stateMachineArn=self.create("history", TWO_STEPS), input='{"secret": "s"}')["executionArn"]
            self.wait_status(arn)
            events = self.call("GetExecutionHistory", executionArn=arn)["events"]
            types = [e["type"] for e in events]
            assert types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], types
            assert [e["id"] for e in events] == list(range(1, 7)) and events[1]["previousEventId"] == 1
            reverse = self.call("GetExecutionHistory", executionArn=arn, reverseOrder=True)["events"]
            assert [e["id"] for e in reverse] == list(range(6, 0, -1))
            paged, token = [], None
            while True:
                page = self.call("GetExecutionHistory", executionArn=arn, maxResults=2, **({"nextToken": token} if token else {}))
                paged += page["events"]
                token = page.get("nextToken")
                if not token:
                    break
            assert [e["id"] for e in paged] == list(range(1, 7))
            bare = self.call("GetExecutionHistory", executionArn=arn, includeExecutionData=False)["events"]
            assert "input" not in bare[0]["executionStartedEventDetails"] and "output" not in bare[-1]["executionSucceededEventDetails"], bare[0]

        def history_of_every_state():
            states = {
                "Choose": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": True, "Next": "Both"}], "Default": "Done"},
                "Both": {"Type": "Parallel", "Next": "Try", "Branches": [
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 0, "End": True}}},
                    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": True,
                                                            "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}}}]},
                "Try": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": QUEUE},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": True},
                "Done": {"Type": "Succeed"},
            }
            arn = self.call("StartExecution", stateMachineArn=self.create("everystate", machine(states, "Choose")), input='{"go": true, "items": [1, 2]}')["executionArn"]
            assert self.wait_status(arn)["status"] == "SUCCEEDED"
            types = {e["type"] for e in self.call("GetExecutionHistory", executionArn=arn, maxResults=1000)["events"]}
            expected = {"ChoiceStateEntered", "ParallelStateStarted", "WaitStateExited", "MapIterationSucceeded", "MapStateSucceeded", "TaskFailed", "SucceedStateEntered"}
            assert expected <= types, sorted(types)

        self.check("GetExecutionHistory", "events in order, reversed, paged, without execution data", history)
        self.check("GetExecutionHistory", "Choice, Parallel, Wait, Map, a caught Task and Succeed events all conform", history_of_every_state)
        self.check("GetExecutionHistory", "an unknown execution is ExecutionDoesNotExist",
                   lambda: self.error("GetExecutionHistory", "ExecutionDoesNotExist", executionArn=sm.replace(":stateMachine:", ":execution:") + ":missing"))

        def stop():
            arn = self.call("StartExecution", stateMachineArn=callback_sm)["executionArn"]
            self.token_of(arn)
            answer = self.call("StopExecution", executionArn=arn, error="Operator.Stop", cause="stopped by test")
            d = self.call("DescribeExecution", executionArn=arn)
            assert d["status"] == "ABORTED" and d["error"] == "Operator.Stop" and d["cause"] == "stopped by test", d
            assert abs(answer["stopDate"].timestamp() - d["stopDate"].timestamp()) < 0.01
            return arn

        stopped = []
        self.check("StopExecution", "a running execution ends ABORTED with error and cause", lambda: stopped.append(stop()))
        self.check("StopExecution", "an unknown execution is ExecutionDoesNotExist",
                   lambda: self.error("StopExecution", "ExecutionDoesNotExist", executionArn=callback_sm.replace(":stateMachine:", ":execution:") + ":missing"))

        def redrive():
            arn = stopped[0]
            answer = self.call("RedriveExecution", executionArn=arn)
            assert answer["redriveDate"], answer
            d = self.call("DescribeExecution", executionArn=arn)
            assert d["status"] == "RUNNING" and d["redriveCount"] == 1, d
            token = self.token_of(arn)
            self.call("SendTaskSuccess", taskToken=token, output='{"after": "redrive"}')
            assert self.wait_status(arn)["status"] == "SUCCEEDED"
            assert [e["executionArn"] for e in self.call("ListExecutions", stateMachineArn=callback_sm, redriveFilter="REDRIVEN")["executions"]] == [arn]

        self.check("RedriveExecution", "an aborted execution runs again from its stopped state", redrive)
        self.check("RedriveExecution", "a succeeded execution is ExecutionNotRedrivable",
                   lambda: self.error("RedriveExecution", "ExecutionNotRedrivable", executionArn=self.call("ListExecutions", stateMachineArn=listed)["executions"][0]["executionArn"]))

        # -- task tokens
        unknown_token = base64.b64encode(os.urandom(48)).decode()

        def success():
            arn = self.call("StartExecution", stateMachineArn=callback_sm, input='{"n": 1}')["executionArn"]
            token = self.token_of(arn)
            self.error("SendTaskSuccess", "InvalidOutput", taskToken=token, output="{broken")
            self.call("SendTaskSuccess", taskToken=token, output='{"answer": 42}')
            d = self.wait_status(arn)
            assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"answer": 42}, d
            self.error("SendTaskSuccess", "TaskTimedOut", taskToken=token, output="{}")

        self.check("SendTaskSuccess", "the waiting task ends with the output; a used token is TaskTimedOut", success)
        self.check("SendTaskSuccess", "a token never issued is InvalidToken",
                   lambda: self.error("SendTaskSuccess", "InvalidToken", taskToken="not-a-token", output="{}"))
        self.check("SendTaskSuccess", "a well-formed token of no task is TaskDoesNotExist",
                   lambda: self.error("SendTaskSuccess", "TaskDoesNotExist", taskToken=unknown_token, output="{}"))

        def failure():
            arn = self.call("StartExecution", stateMachineArn=callback_sm)["executionArn"]
            token = self.token_of(arn)
            self.call("SendTaskFailure", taskToken=token, error="Remote.Failed", cause="the remote system said no")
            d = self.wait_status(arn)
            assert d["status"] == "FAILED" and d["error"] == "Remote.Failed" and d["cause"] == "the remote system said no", d
            self.error("SendTaskFailure", "TaskTimedOut", taskToken=token, error="again")

        self.check("SendTaskFailure", "the waiting task fails with error and cause; a used token is TaskTimedOut", failure)
        self.check("SendTaskFailure", "a well-formed token of no task is TaskDoesNotExist",
                   lambda: self.error("SendTaskFailure", "TaskDoesNotExist", taskToken=unknown_token))
        self.check("SendTaskFailure", "a token never issued is InvalidToken",
                   lambda: self.error("SendTaskFailure", "InvalidToken", taskToken="x"))

        def heartbeat():
            arn = self.call("StartExecution", stateMachineArn=self.create("heartbeat", callback(heartbeat=2)))["executionArn"]
            token = self.token_of(arn)
            for _ in range(3):
                time.sleep(1)
                self.call("SendTaskHeartbeat", taskToken=token)
            assert self.call("DescribeExecution", executionArn=arn)["status"] == "RUNNING", "heartbeats keep the task alive"
            d = self.wait_status(arn, timeout=10)
            assert d["status"] == "SUCCEEDED" and json.loads(d["output"])["error"]["Error"] == "States.HeartbeatTimeout", d
            self.error("SendTaskHeartbeat", "TaskTimedOut", taskToken=token)

        def heartbeat_timed_out_running():
            # The task timed out and was caught, but the execution still runs: the token is TaskTimedOut.
            states = json.loads(callback(heartbeat=1))
            states["States"]["TimedOut"] = {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                            "Parameters": {"QueueUrl": QUEUE, "MessageBody": {"second.$": "$$.Task.Token"}}, "End": True}
            arn = self.call("StartExecution", stateMachineArn=self.create("timedout", json.dumps(states)))["executionArn"]
            token = self.token_of(arn)
            deadline = time.time() + 10
            while time.time() < deadline and not any(e["type"] == "TaskTimedOut" for e in self.call("GetExecutionHistory", executionArn=arn)["events"]):
                time.sleep(0.1)
            self.error("SendTaskHeartbeat", "TaskTimedOut", taskToken=token)
            self.error("SendTaskSuccess", "TaskTimedOut", taskToken=token, output="{}")
            self.call("StopExecution", executionArn=arn)

        self.check("SendTaskHeartbeat", "heartbeats keep a task alive; after its timeout the token is TaskTimedOut", heartbeat)
        self.check("SendTaskHeartbeat", "a timed-out task's token is TaskTimedOut while the execution runs on", heartbeat_timed_out_running)
        self.check("SendTaskHeartbeat", "a well-formed token of no task is TaskDoesNotExist",
                   lambda: self.error("SendTaskHeartbeat", "TaskDoesNotExist", taskToken=unknown_token))
        self.check("SendTaskHeartbeat", "a token never issued is InvalidToken",
                   lambda: self.error("SendTaskHeartbeat", "InvalidToken", taskToken="x"))

        # -- TestState
        def test_pass():
            answer = self.call("TestState", definition=json.dumps({"Type": "Pass", "Result": {"r": 1}, "ResultPath": "$.r", "Next": "After"}), input='{"a": 0}')
            assert answer["status"] == "SUCCEEDED" and answer["nextState"] == "After" and json.loads(answer["output"]) == {"a": 0, "r": {"r": 1}}, answer

        def test_choice():
            state = {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"}], "Default": "Small"}
            assert self.call("TestState", definition=json.dumps(state), input='{"n": 9}')["nextState"] == "Big"
            assert self.call("TestState", definition=json.dumps(state), input='{"n": 1}')["nextState"] == "Small"

        def test_fail():
            answer = self.call("TestState", definition=json.dumps({"Type": "Fail", "Error": "E", "Cause": "C"}), inspectionLevel="DEBUG")
            assert answer["status"] == "FAILED" and answer["error"] == "E" and answer["cause"] == "C" and answer["inspectionData"]["input"] == "{}", answer

        def test_in_machine():
            answer = self.call("TestState", definition=TWO_STEPS, stateName="B", input="{}")
            assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == {"b": "b"} and "nextState" not in answer, answer

        self.check("TestState", "a Pass state answers its output and next state", test_pass)
        self.check("TestState", "a Choice state answers the branch taken", test_choice)
        self.check("TestState", "a Fail state answers FAILED with error and cause, DEBUG its inspection data", test_fail)
        self.check("TestState", "stateName picks a state of a whole definition", test_in_machine)
        self.check("TestState", "a state that is not a JSON object is InvalidDefinition",
                   lambda: self.error("TestState", "InvalidDefinition", definition="[1]"))

        def for_execution():
            arn = self.call("StartExecution", stateMachineArn=sm)["executionArn"]
            d = self.call("DescribeStateMachineForExecution", executionArn=arn)
            assert d["stateMachineArn"] == sm and d["definition"] == PASS and d["roleArn"] == ROLE and d["updateDate"], d

        self.check("DescribeStateMachineForExecution", "answers the machine of the execution", for_execution)
        self.check("DescribeStateMachineForExecution", "an unknown execution is ExecutionDoesNotExist",
                   lambda: self.error("DescribeStateMachineForExecution", "ExecutionDoesNotExist", executionArn=sm.replace(":stateMachine:", ":execution:") + ":missing"))

        # -- tags
        tagged = self.create("tagged", PASS, tags=[{"key": "team", "value": "privacy"}])

        def tags():
            assert self.call("ListTagsForResource", resourceArn=tagged)["tags"] == [{"key": "team", "value": "privacy"}]
            self.call("TagResource", resourceArn=tagged, tags=[{"key": "env", "value": "local"}, {"key": "team", "value": "gdpr"}])
            assert self.call("ListTagsForResource", resourceArn=tagged)["tags"] == [{"key": "env", "value": "local"}, {"key": "team", "value": "gdpr"}]
            self.call("UntagResource", resourceArn=tagged, tagKeys=["env"])
            assert self.call("ListTagsForResource", resourceArn=tagged)["tags"] == [{"key": "team", "value": "gdpr"}]

        self.check("TagResource", "tags are added and overwritten", tags)
        self.check("TagResource", "more than 50 tags is TooManyTags",
                   lambda: self.error("TagResource", "TooManyTags", resourceArn=tagged, tags=[{"key": "k%d" % i, "value": "v"} for i in range(51)]))
        self.check("TagResource", "an unknown resource is ResourceNotFound",
                   lambda: self.error("TagResource", "ResourceNotFound", resourceArn=sm + "-missing", tags=[{"key": "a", "value": "b"}]))
        def untag():
            arn = self.create("untag", PASS, tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
            self.call("UntagResource", resourceArn=arn, tagKeys=["a", "missing"])
            assert self.call("ListTagsForResource", resourceArn=arn)["tags"] == [{"key": "b", "value": "2"}]

        self.check("UntagResource", "removes the keys named, ignores keys not set", untag)
        self.check("UntagResource", "an unknown resource is ResourceNotFound",
                   lambda: self.error("UntagResource", "ResourceNotFound", resourceArn=sm + "-missing", tagKeys=["a"]))
        self.check("ListTagsForResource", "lists the tags set at creation", lambda: self.call("ListTagsForResource", resourceArn=tagged))
        self.check("ListTagsForResource", "an unknown resource is ResourceNotFound",
                   lambda: self.error("ListTagsForResource", "ResourceNotFound", resourceArn=sm + "-missing"))

        # -- SigV4, on an endpoint that checks signatures
        def signed(key, secret):
            return boto3.client("stepfunctions", endpoint_url=signed_endpoint, region_name="ap-southeast-2",
                                aws_access_key_id=key, aws_secret_access_key=secret,
                                config=botocore.config.Config(retries={"max_attempts": 1}))

        def sigv4_ok():
            signed(access_key, secret_key).list_state_machines()

        def sigv4_refused(key, secret, code):
            try:
                signed(key, secret).list_state_machines()
            except botocore.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == code, e.response["Error"]
                return
            raise AssertionError("accepted a request signed with %s" % key)

        self.check("SigV4", "a request signed with a configured key is served, in any region", sigv4_ok)
        self.check("SigV4", "a wrong secret is InvalidSignatureException", lambda: sigv4_refused(access_key, "wrong-secret", "InvalidSignatureException"))
        self.check("SigV4", "an unknown key is UnrecognizedClientException", lambda: sigv4_refused("AKIAUNKNOWN", secret_key, "UnrecognizedClientException"))


def _snake(operation):
    out = ""
    for i, c in enumerate(operation):
        if c.isupper() and i > 0:
            out += "_"
        out += c.lower()
    return out


def validate(shape, value, path):
    """The raw JSON `value` against botocore `shape`; a list of problems (empty when it conforms)."""
    if shape is None:
        return [] if value in ({}, None) else ["%s: the model has no output, got %r" % (path or "answer", value)]
    kind = shape.type_name
    where = path or "answer"
    if kind == "structure":
        if not isinstance(value, dict):
            return ["%s: expected an object" % where]
        problems = ["%s: required member %s missing" % (where, m) for m in shape.required_members if m not in value]
        for name, member in value.items():
            if name not in shape.members:
                problems.append("%s: member %s is not in the model" % (where, name))
            else:
                problems += validate(shape.members[name], member, path + "." + name if path else name)
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return ["%s: expected a list" % where]
        return [p for i, item in enumerate(value) for p in validate(shape.member, item, "%s[%d]" % (where, i))]
    if kind == "map":
        if not isinstance(value, dict):
            return ["%s: expected a map" % where]
        return [p for k, v in value.items() for p in validate(shape.value, v, "%s.%s" % (where, k))]
    if kind == "string":
        if not isinstance(value, str):
            return ["%s: expected a string, got %r" % (where, value)]
        problems = []
        if shape.enum and value not in shape.enum:
            problems.append("%s: %r is not one of %s" % (where, value, shape.enum))
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            problems.append("%s: longer than %d" % (where, shape.metadata["max"]))
        if "min" in shape.metadata and len(value) < shape.metadata["min"]:
            problems.append("%s: shorter than %d" % (where, shape.metadata["min"]))
        return problems
    if kind in ("integer", "long"):
        return [] if isinstance(value, int) and not isinstance(value, bool) else ["%s: expected an integer, got %r" % (where, value)]
    if kind == "boolean":
        return [] if isinstance(value, bool) else ["%s: expected a boolean, got %r" % (where, value)]
    if kind == "timestamp":
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else ["%s: expected epoch seconds, got %r" % (where, value)]
    if kind in ("double", "float"):
        return [] if isinstance(value, (int, float)) else ["%s: expected a number" % where]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--signed-endpoint", required=True)
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()
    try:
        Suite(args.endpoint).run(args.signed_endpoint, args.access_key, args.secret_key)
    except Exception as e:  # noqa: BLE001 - a setup failure is reported as a failed check
        results.append({"operation": "setup", "check": "the suite ran", "passed": False, "detail": traceback.format_exc()})
    with open(args.report, "w", encoding="utf-8") as f:
        json.dump({"boto3": boto3.__version__, "botocore": botocore.__version__, "results": results}, f, indent=1)
    failed = [r for r in results if not r["passed"]]
    print("boto3 suite: %d checks, %d failed" % (len(results), len(failed)))
    for r in failed:
        print("FAILED %s: %s\n%s" % (r["operation"], r["check"], r.get("detail", "")))


if __name__ == "__main__":
    main()
