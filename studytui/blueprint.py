"""The DVA-C02 exam blueprint: domains, weights and task statements.

Source: https://docs.aws.amazon.com/aws-certification/latest/developer-associate-02/developer-associate-02.html
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    number: int
    title: str
    weight: int  # percent of scored questions
    tasks: dict[str, str]


DOMAINS: dict[int, Domain] = {
    1: Domain(1, "Development with AWS Services", 32, {
        "1.1": "Develop code for applications hosted on AWS",
        "1.2": "Develop code for AWS Lambda",
        "1.3": "Use data stores in application development",
    }),
    2: Domain(2, "Security", 26, {
        "2.1": "Implement authentication and/or authorization",
        "2.2": "Implement encryption by using AWS services",
        "2.3": "Manage sensitive data in application code",
    }),
    3: Domain(3, "Deployment", 24, {
        "3.1": "Prepare application artifacts to be deployed to AWS",
        "3.2": "Test applications in development environments",
        "3.3": "Automate deployment testing",
        "3.4": "Deploy code by using AWS CI/CD services",
    }),
    4: Domain(4, "Troubleshooting and Optimization", 18, {
        "4.1": "Assist in a root cause analysis",
        "4.2": "Instrument code for observability",
        "4.3": "Optimize applications by using AWS services and features",
    }),
}

TASKS: dict[str, int] = {task: d.number for d in DOMAINS.values() for task in d.tasks}


def domain_label(number: int) -> str:
    """Short badge text such as 'D2 Security'."""
    domain = DOMAINS.get(number)
    return f"D{number} {domain.title}" if domain else f"D{number}"
