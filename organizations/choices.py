from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    INTERNATIONAL = "international", _("International organization")
    REGIONAL = "regional", _("Regional organization")
    NATIONAL_BODY = "national_body", _("National body")
    GOVERNMENT = "government", _("Government agency")
    UNIT = "unit", _("Department or unit")
    FORUM = "forum", _("Forum or dialogue")
    COMMITTEE = "committee", _("Committee or technical committee")
    CENTRE_OF_EXCELLENCE = "coe", _("Centre of excellence")
    OTHER = "other", _("Other")


class MemberClass(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    AFFILIATE = "affiliate", _("Affiliate member")
    CORRESPONDENT = "correspondent", _("Correspondent member")
    SUBSCRIBER = "subscriber", _("Subscriber member")
    P_MEMBER = "p_member", _("P-member (participating)")
    O_MEMBER = "o_member", _("O-member (observing)")
    OBSERVER = "observer", _("Observer")
    OTHER = "other", _("Other")


class DuesStatus(models.TextChoices):
    """Derived from the dates; never typed by staff."""

    UNPAID = "unpaid", _("Not yet due")
    OVERDUE = "overdue", _("Overdue")
    ON_TIME = "on_time", _("Paid on time")
    LATE = "late", _("Paid late")
    PAID = "paid", _("Paid (due date unknown)")


class OfficeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARY = "secretary", _("Secretary")
    CONVENOR = "convenor", _("Convenor")
    BOARD_MEMBER = "board_member", _("Board or council member")
    FOCAL_POINT = "focal_point", _("Focal point")
    OTHER = "other", _("Other")


# Chairing a body: its chair and co-chair (the home page's "chair and co-chair
# roles held now").
CHAIR_ROLES = (OfficeRole.CHAIR, OfficeRole.CO_CHAIR)
# Leading a body: chairing it, or as its vice-chair or president (the period
# report's "chair roles held").
LEADERSHIP_ROLES = (*CHAIR_ROLES, OfficeRole.VICE_CHAIR, OfficeRole.PRESIDENT)


class BallotStage(models.TextChoices):
    NP = "np", _("New work item proposal (NP)")
    CD = "cd", _("Committee draft (CD)")
    DIS = "dis", _("Draft International Standard (DIS/CDV)")
    FDIS = "fdis", _("Final draft (FDIS)")
    SR = "sr", _("Systematic review (SR)")
    OTHER = "other", _("Other")


class Vote(models.TextChoices):
    PENDING = "pending", _("Not yet voted")
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_COMMENTS = "approve_comments", _("Approve with comments")
    DISAPPROVE = "disapprove", _("Disapprove")
    ABSTAIN = "abstain", _("Abstain")
    NOT_VOTED = "not_voted", _("Did not vote")
